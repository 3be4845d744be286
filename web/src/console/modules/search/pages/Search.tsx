/**
 * Search (检索) over the record types the modules make searchable (today: organisations), within the current division;
 * query and filters live in the URL. A search that finds nothing says what it covered and where else to look.
 */
import { useEffect, useState } from 'react';
import { Card, DatePicker, Empty, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { SearchHit } from '../../../../../../contracts/search.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { parseSnippet, Snippet } from '../../../../shared/snippet.tsx';
import { useSession } from '../../../session.tsx';
import { useDivision } from '../../../division.tsx';
import { useT } from '../../../i18n.ts';
import { emptyText } from '../../../lib/list/filters.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { Elsewhere } from '../Elsewhere.tsx';

interface SearchPage {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  totalIsLowerBound?: boolean;
}

/**
 * The record types the server's modules make searchable today (platform/search sources), with what of them is
 * searched: the page says so, so that a term found nowhere is not taken for a failing search.
 */
const TYPE_NAMES: Record<
  string,
  { zh: string; en: string; fieldsZh: string; fieldsEn: string; href: (id: number) => string }
> = {
  organisation: {
    zh: '单位',
    en: 'Organisation',
    fieldsZh: '名称、类型、所在地区',
    fieldsEn: 'name, type, division',
    href: (id) => `/console/organisations/${id}`,
  },
};

/** "单位（名称、类型、所在地区）" for every searchable type. */
function searchableText(t: ReturnType<typeof useT>): string {
  return Object.values(TYPE_NAMES)
    .map((n) => t(`${n.zh}（${n.fieldsZh}）`, `${n.en.toLowerCase()}s (${n.fieldsEn})`))
    .join(t('、', ', '));
}

export default function SearchPage() {
  const t = useT();
  const { locale } = useSession();
  const { current } = useDivision();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const [data, setData] = useState<SearchPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  useEffect(() => {
    if (!q.trim()) {
      setData(null);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    api
      .get<SearchPage>('/api/search', { q, type, division: current.code, from, to, page, pageSize: 20 }, ctl.signal)
      .then(
        (d) => {
          setData(d);
          setError(null);
        },
        (err: unknown) => {
          if (err instanceof DOMException) return;
          setError(err instanceof ApiError ? err.text(locale) : String(err));
        },
      )
      .finally(() => setLoading(false));
    return () => ctl.abort();
  }, [q, type, from, to, page, current.code, locale]);

  return (
    <Card title={t('检索', 'Search')}>
      <Flex wrap gap="small" align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('检索词', 'Search terms')}
          defaultValue={q}
          key={q}
          placeholder={t('输入检索词，如 种薯、奶牛', 'Search terms, e.g. 种薯, 奶牛')}
          style={{ flex: '1 1 240px', maxWidth: 320 }}
          enterButton
          allowClear
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          aria-label={t('类型', 'Type')}
          allowClear
          placeholder={t('全部类型', 'All types')}
          style={{ width: 140 }}
          value={type}
          options={Object.entries(TYPE_NAMES).map(([value, n]) => ({ value, label: t(n.zh, n.en) }))}
          onChange={(v?: string) => update({ type: v })}
        />
        <DatePicker.RangePicker
          aria-label={t('日期范围', 'Date range')}
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(r) =>
            update({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })
          }
        />
        <Typography.Text type="secondary">
          {t('范围：', 'Within: ')}
          {current.name}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('可检索：', 'Searches ')}
        {searchableText(t)}
        {t(
          '；人员（账户）和监测指标暂不在检索范围内。一两个字按字面匹配；常用同义词一并查找，如 奶牛 也找 乳业、科技局 也找 科学技术局。',
          '; people (accounts) and monitoring indicators are not searched yet. One or two characters match anywhere in the text; common synonyms are included (奶牛 also finds 乳业, 科技局 also finds 科学技术局).',
        )}
      </Typography.Paragraph>
      {error && <ErrorBanner message={error} />}
      {!q.trim() ? (
        <Empty description={t('输入检索词开始搜索', 'Type a term to search')} />
      ) : (
        <List
          loading={loading}
          header={
            data && (
              <Typography.Text type="secondary">
                {t('共', '')} {formatNumber(data.total, locale)}
                {data.totalIsLowerBound ? '+' : ''} {t('条结果', 'results')}
              </Typography.Text>
            )
          }
          dataSource={data?.items ?? []}
          locale={emptyText(
            <>
              <div>{t('没有找到匹配的结果', 'Nothing matches')}</div>
              <Typography.Text type="secondary">
                {t(`在${current.name}范围内检索了`, `Searched ${current.name} for `)}
                {searchableText(t)}
              </Typography.Text>
              <Elsewhere term={q} />
            </>,
          )}
          pagination={
            data && data.total > data.pageSize
              ? {
                  current: page,
                  pageSize: data.pageSize,
                  total: data.total,
                  showSizeChanger: false,
                  onChange: (p) => update({ page: String(p) }),
                }
              : false
          }
          renderItem={(h) => {
            const tn = TYPE_NAMES[h.type];
            // A snippet cut from the title (the body holds no term) is shown as the highlighted title, not twice.
            const fromTitle =
              parseSnippet(h.snippet)
                .map((p) => p.text)
                .join('') === h.title;
            const title = fromTitle ? <Snippet html={h.snippet} /> : h.title;
            return (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap size={[8, 0]}>
                      <Tag>{tn ? t(tn.zh, tn.en) : h.type}</Tag>
                      {tn ? <Link to={tn.href(h.id)}>{title}</Link> : title}
                    </Space>
                  }
                  description={
                    <>
                      {!fromTitle && (
                        <div className="qx-snippet">
                          <Snippet html={h.snippet} />
                        </div>
                      )}
                      <Typography.Text type="secondary">{h.divisionName}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
