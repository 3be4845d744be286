/**
 * One dimension of the entry form: per indicator its unit, last year's value, the value (number or text), the
 * year-on-year change, source, note, flags and the findings inline (errors red, warnings orange, explained grey).
 */
import { Checkbox, Input, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Finding } from '../../../../../../contracts/monitoring.ts';
import { formatNumber, pick } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { FLAG_LABELS, formatPercent, yoy, type Draft, type EditableFlag, type Row } from './form-state.ts';

export interface FormTableProps {
  rows: Row[];
  drafts: ReadonlyMap<string, Draft>;
  editable: boolean;
  onChange: (code: string, draft: Draft) => void;
}

/** A finding's text; `short` drops the indicator name the row already shows ("名称：…" / "Name: …"). */
export function findingText(f: Finding, locale: string, short: boolean): string {
  const text = locale === 'en-US' ? f.messageEn : f.message;
  if (!short || f.indicatorCode === null) return text;
  const cut = locale === 'en-US' ? text.indexOf(': ') : text.indexOf('：');
  return cut > 0 ? text.slice(cut + (locale === 'en-US' ? 2 : 1)) : text;
}

export function FindingTags({ findings, short = false }: { findings: readonly Finding[]; short?: boolean }) {
  const { locale } = useSession();
  const t = useT();
  if (findings.length === 0) return null;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {findings.map((f, i) => (
        <Typography.Text
          key={i}
          type={f.severity === 'error' ? 'danger' : f.explained ? 'secondary' : 'warning'}
          style={{ fontSize: 12 }}
          data-testid={`finding-${f.indicatorCode ?? 'form'}-${f.kind}`}
        >
          {f.severity === 'error' ? '✖ ' : '⚠ '}
          {findingText(f, locale, short)}
          {f.explained ? t('（已说明）', ' (explained)') : ''}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function FormTable({ rows, drafts, editable, onChange }: FormTableProps) {
  const t = useT();
  const { locale } = useSession();
  const num = (v: number | null) => (v === null ? '—' : formatNumber(v, locale));

  return (
    <Table<Row>
      size="small"
      rowKey={(r) => r.node.code}
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('指标', 'Indicator'),
          key: 'name',
          width: 220,
          fixed: 'left',
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>
                {r.node.code} {locale === 'en-US' && r.node.nameEn ? r.node.nameEn : r.node.nameZh}
              </Typography.Text>
              <Space size={4} wrap>
                {r.node.spec?.optional && <Tag>{t('选填', 'optional')}</Tag>}
                {r.node.spec?.qualitative && <Tag color="purple">{t('定性', 'qualitative')}</Tag>}
                {r.node.spec?.valueType === 'text' && <Tag color="blue">{t('文字 ≤200字', 'text ≤200')}</Tag>}
              </Space>
            </Space>
          ),
        },
        { title: t('单位', 'Unit'), key: 'unit', width: 70, render: (_, r) => r.node.spec?.unit ?? '' },
        {
          title: t('上年值', 'Last year'),
          key: 'previous',
          width: 100,
          align: 'right',
          render: (_, r) => num(r.previous),
        },
        {
          title: t('本年值', 'Value'),
          key: 'value',
          width: 180,
          render: (_, r) => {
            const d = drafts.get(r.node.code);
            if (!d) return null;
            // A missing value is listed in the checks column; the input turns red only for a wrong value.
            const invalid = r.findings.some((f) => f.severity === 'error' && f.kind !== 'missing');
            if (r.node.spec?.valueType === 'text')
              return editable ? (
                <Input.TextArea
                  aria-label={`${r.node.code} ${t('本年值', 'value')}`}
                  value={d.textValue}
                  maxLength={200}
                  showCount
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  onChange={(e) => onChange(r.node.code, { ...d, textValue: e.target.value })}
                />
              ) : (
                <Typography.Text>{d.textValue || '—'}</Typography.Text>
              );
            return editable ? (
              <InputNumber
                aria-label={`${r.node.code} ${t('本年值', 'value')}`}
                data-testid={`value-${r.node.code}`}
                value={d.value}
                status={invalid ? 'error' : undefined}
                style={{ width: '100%' }}
                min={r.node.spec?.min ?? undefined}
                max={r.node.spec?.max ?? undefined}
                onChange={(v) => onChange(r.node.code, { ...d, value: typeof v === 'number' ? v : null })}
              />
            ) : (
              <Typography.Text strong>{num(d.value)}</Typography.Text>
            );
          },
        },
        {
          title: t('同比', 'YoY'),
          key: 'yoy',
          width: 80,
          align: 'right',
          render: (_, r) => {
            const d = drafts.get(r.node.code);
            const change = yoy(d?.value ?? null, r.previous);
            const limit = r.node.spec?.maxYoyChange ?? null;
            const over = change !== null && limit !== null && Math.abs(change) > limit;
            return <Typography.Text type={over ? 'warning' : undefined}>{formatPercent(change)}</Typography.Text>;
          },
        },
        {
          title: t('校验提示', 'Checks'),
          key: 'findings',
          width: 240,
          render: (_, r) =>
            r.findings.length === 0 ? (
              r.saved ? (
                <Tooltip title={r.saved.reporterName ? `${t('填报人', 'By')} ${r.saved.reporterName}` : undefined}>
                  <Typography.Text type="success">✓</Typography.Text>
                </Tooltip>
              ) : null
            ) : (
              <FindingTags findings={r.findings} short />
            ),
        },
        {
          title: t('数据来源', 'Source'),
          key: 'source',
          width: 160,
          render: (_, r) => {
            const d = drafts.get(r.node.code);
            if (!d) return null;
            return editable ? (
              <Input
                aria-label={`${r.node.code} ${t('数据来源', 'source')}`}
                value={d.source}
                maxLength={300}
                placeholder={r.node.spec?.source || t('如：统计年鉴', 'e.g. yearbook')}
                onChange={(e) => onChange(r.node.code, { ...d, source: e.target.value })}
              />
            ) : (
              d.source || '—'
            );
          },
        },
        {
          title: t('备注 / 说明', 'Note'),
          key: 'note',
          width: 200,
          render: (_, r) => {
            const d = drafts.get(r.node.code);
            if (!d) return null;
            const needsNote = r.findings.some((f) => f.severity === 'warning' && !f.explained);
            return editable ? (
              <Input.TextArea
                aria-label={`${r.node.code} ${t('备注', 'note')}`}
                data-testid={`note-${r.node.code}`}
                value={d.note}
                maxLength={1000}
                status={needsNote ? 'warning' : undefined}
                placeholder={needsNote ? t('请说明变化原因', 'Explain the change') : ''}
                autoSize={{ minRows: 1, maxRows: 3 }}
                onChange={(e) => onChange(r.node.code, { ...d, note: e.target.value })}
              />
            ) : (
              d.note || '—'
            );
          },
        },
        {
          title: t('标记', 'Flags'),
          key: 'flags',
          width: 150,
          render: (_, r) => {
            const d = drafts.get(r.node.code);
            if (!d) return null;
            const system = (r.saved?.flags ?? []).filter((f) => f !== 'estimated' && f !== 'carried_forward');
            return (
              <Space orientation="vertical" size={2}>
                {editable ? (
                  <Checkbox.Group
                    value={d.flags}
                    options={(['estimated', 'carried_forward'] as EditableFlag[]).map((f) => ({
                      value: f,
                      label: pick(FLAG_LABELS[f]!, locale),
                    }))}
                    onChange={(v) => onChange(r.node.code, { ...d, flags: v })}
                  />
                ) : (
                  d.flags.map((f) => <Tag key={f}>{pick(FLAG_LABELS[f]!, locale)}</Tag>)
                )}
                {system.map((f) => (
                  <Tag key={f} color={f === 'outlier' ? 'orange' : 'default'}>
                    {FLAG_LABELS[f] ? pick(FLAG_LABELS[f], locale) : f}
                  </Tag>
                ))}
              </Space>
            );
          },
        },
      ]}
    />
  );
}
