/**
 * 数据填报 (/console/monitoring/entry[/:division/:period]): a county's values of one year per dimension with last
 * year, year-on-year change, source, note, flags and the checks inline; save, template and import, attachments,
 * submit with confirmation; read-only with a status banner once submitted. Reviewers open the same page from 数据审核
 * and approve or return with a comment; the region unlocks approved data.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, Progress, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UnlockOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { Form, ZSubmissionPage } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError, request } from '../../../../shared/api.ts';
import { pick } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { FindingTags, FormTable } from '../collection/FormTable.tsx';
import { AttachmentsPanel, HistoryPanel, ImportPanel } from '../collection/FormPanels.tsx';
import {
  ACTION_LABELS,
  STATUS_LABELS,
  changedCells,
  defaultPeriod,
  draftOf,
  periodOptions,
  sectionsOf,
  type Draft,
} from '../collection/form-state.ts';

type SubmissionPage = z.infer<typeof ZSubmissionPage>;
type Action = 'submit' | 'return' | 'approve' | 'unlock';

/** County and year pickers; counties are the caller's (from the submissions list). */
function Picker({ division, period }: { division: string | null; period: number }) {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const counties = useFetch<SubmissionPage>('/api/monitoring/submissions', { period, pageSize: 200 });
  const go = (d: string | null, p: number) => {
    if (d) void navigate(`/console/monitoring/entry/${d}/${p}`);
    else void navigate(`/console/monitoring/entry?period=${p}`);
  };
  return (
    <Space wrap>
      <Select
        showSearch
        style={{ width: 240 }}
        placeholder={t('选择旗县', 'Choose a county')}
        value={division ?? undefined}
        loading={counties.loading}
        aria-label={t('旗县', 'County')}
        onSearch={setQ}
        filterOption={false}
        options={(counties.data?.items ?? [])
          .filter((c) => !q || c.divisionName.includes(q) || c.divisionCode.startsWith(q))
          .map((c) => ({ value: c.divisionCode, label: `${c.divisionName}（${c.leagueName}）` }))}
        onChange={(d: string) => go(d, period)}
      />
      <Select
        style={{ width: 120 }}
        value={period}
        aria-label={t('年度', 'Year')}
        options={periodOptions(new Date()).map((y) => ({ value: y, label: t(`${y} 年`, String(y)) }))}
        onChange={(p: number) => go(division, p)}
      />
    </Space>
  );
}

export default function MonitoringEntryPage() {
  const t = useT();
  const { locale } = useSession();
  const session = useSignedIn();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const [search] = useSearchParams();
  const division = params.division ?? null;
  const period = Number(params.period) || Number(search.get('period')) || defaultPeriod(new Date());
  const fromReview = search.get('from') === 'review';

  // A county officer lands on the own county; others choose.
  useEffect(() => {
    if (!division && session.division.level === 'county' && session.can('monitoring:enter'))
      void navigate(`/console/monitoring/entry/${session.user.divisionCode}/${period}`, { replace: true });
  }, [division, period, session, navigate]);

  const form = useFetch<Form>(division ? `/api/monitoring/forms/${division}/${period}` : null);
  const [current, setCurrent] = useState<Form | null>(null);
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [saving, setSaving] = useState(false);
  const [acting, setActing] = useState<Action | null>(null);

  const reset = (f: Form) => {
    setCurrent(f);
    const saved = new Map(f.values.map((v) => [v.indicatorCode, v]));
    setDrafts(new Map(f.indicators.map((n) => [n.code, draftOf(saved.get(n.code) ?? null)])));
  };
  useEffect(() => {
    if (form.data) reset(form.data);
  }, [form.data]);
  useEffect(() => {
    document.title = t('数据填报 · 旗县', 'Data entry · Qixian');
  }, [t]);

  const f = current;
  const sections = useMemo(() => (f ? sectionsOf(f) : []), [f]);
  const changed = f ? changedCells(f, drafts) : [];
  const errorText = (err: unknown) => (err instanceof ApiError ? err.text(locale) : String(err));

  const save = async (): Promise<Form | null> => {
    if (!f || changed.length === 0) return f;
    setSaving(true);
    try {
      const next = await request<Form>(`/api/monitoring/forms/${f.divisionCode}/${f.period}/values`, {
        method: 'PUT',
        body: { values: changed },
      });
      reset(next);
      void message.success(t(`已保存 ${changed.length} 项`, `${changed.length} value(s) saved`));
      return next;
    } catch (err) {
      void message.error(errorText(err));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const run = async (action: Action, comment: string) => {
    if (!f) return;
    setActing(action);
    try {
      const next = await api.post<Form>(`/api/monitoring/forms/${f.divisionCode}/${f.period}/${action}`, { comment });
      reset(next);
      void message.success(
        t(`已${pick(ACTION_LABELS[action], 'zh-CN')}`, `${pick(ACTION_LABELS[action], 'en-US')}: done`),
      );
    } catch (err) {
      if (err instanceof ApiError && err.details.length > 0)
        modal.error({
          title: err.text(locale),
          content: (
            <ul style={{ paddingLeft: 16 }}>
              {err.details.map((d, i) => (
                <li key={i}>{locale === 'en-US' ? (d.messageEn ?? d.message) : d.message}</li>
              ))}
            </ul>
          ),
        });
      else void message.error(errorText(err));
    } finally {
      setActing(null);
    }
  };

  const confirmSubmit = async () => {
    const saved = await save();
    if (!saved) return;
    const blocking = saved.findings.filter((x) => x.severity === 'error' || !x.explained);
    modal.confirm({
      title: t('提交本年度数据？', 'Submit this year\u2019s data?'),
      content: blocking.length
        ? t(
            `还有 ${blocking.length} 项错误或未说明的预警，提交将被拒绝，请先处理。`,
            `${blocking.length} error(s) or unexplained warning(s) remain; the submission will be refused.`,
          )
        : t(
            '提交后数据锁定，由盟市科技局审核；如需修改须被退回。',
            'After submission the data is locked for the league to review; changes need a return.',
          ),
      okText: t('提交', 'Submit'),
      cancelText: t('取消', 'Cancel'),
      onOk: () => run('submit', ''),
    });
  };

  const withComment = (action: Action) => {
    let comment = '';
    const required = action === 'return' || action === 'unlock';
    modal.confirm({
      title:
        action === 'approve'
          ? t('审核通过？', 'Approve?')
          : action === 'return'
            ? t('退回修改', 'Return for correction')
            : t('解锁已审定数据', 'Unlock approved data'),
      content: (
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={1000}
          aria-label={t('意见', 'Comment')}
          placeholder={
            required ? t('请填写意见（必填）', 'Comment (required)') : t('意见（选填）', 'Comment (optional)')
          }
          onChange={(e) => (comment = e.target.value)}
        />
      ),
      okText: pick(ACTION_LABELS[action], locale),
      okButtonProps: { danger: action !== 'approve' },
      cancelText: t('取消', 'Cancel'),
      onOk: () => {
        if (required && !comment.trim()) {
          void message.warning(t('请填写意见', 'Please write a comment'));
          return Promise.reject(new Error('comment required'));
        }
        return run(action, comment.trim());
      },
    });
  };

  const header = (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <Picker division={division} period={period} />
      {fromReview && <Link to="/console/monitoring/review">{t('返回审核列表', 'Back to review')}</Link>}
    </Space>
  );

  if (!division)
    return (
      <Card title={t('数据填报', 'Data entry')}>
        {header}
        <Empty style={{ marginTop: 32 }} description={t('请选择旗县和年度', 'Choose a county and a year')} />
      </Card>
    );

  const status = f ? STATUS_LABELS[f.status] : null;
  const errors = f?.findings.filter((x) => x.severity === 'error').length ?? 0;
  const warnings = f?.findings.filter((x) => x.severity === 'warning' && !x.explained).length ?? 0;
  const formFindings = f?.findings.filter((x) => x.indicatorCode === null) ?? [];

  return (
    <Card
      title={
        f ? (
          <Space>
            {t(`${f.divisionName} ${f.period} 年监测数据`, `${f.divisionName} ${f.period} monitoring data`)}
            {status && (
              <Tag color={status.color} data-testid="form-status">
                {pick(status, locale)}
              </Tag>
            )}
          </Space>
        ) : (
          t('数据填报', 'Data entry')
        )
      }
      extra={header}
    >
      {form.error && <ErrorBanner message={form.error} onRetry={form.reload} />}
      {form.loading && !f && <Spin />}
      {f && status && (
        <>
          <Alert
            type={status.alert}
            showIcon
            style={{ marginBottom: 16 }}
            title={
              f.editable
                ? t(
                    `${pick(status, 'zh-CN')}：填写后保存，截止日期 ${f.deadline}。`,
                    `${pick(status, 'en-US')}: save as you go; deadline ${f.deadline}.`,
                  )
                : t(`${pick(status, 'zh-CN')}，当前只读。`, `${pick(status, 'en-US')}; read-only for you.`)
            }
            description={
              <Space wrap size="large">
                <span>
                  {t('完整度', 'Completeness')}{' '}
                  <Progress
                    percent={Math.round(f.completeness * 100)}
                    size="small"
                    style={{ width: 140, display: 'inline-flex' }}
                  />
                </span>
                <Typography.Text type={errors ? 'danger' : 'secondary'}>
                  {t(`错误 ${errors} 项`, `${errors} error(s)`)}
                </Typography.Text>
                <Typography.Text type={warnings ? 'warning' : 'secondary'}>
                  {t(`待说明预警 ${warnings} 项`, `${warnings} warning(s) to explain`)}
                </Typography.Text>
                <span>
                  {t('指标体系', 'Framework')}: {f.framework.nameZh} v{f.framework.version}
                  {f.framework.isDefault && <Tag style={{ marginLeft: 4 }}>{t('默认', 'default')}</Tag>}
                </span>
              </Space>
            }
          />
          <Space wrap style={{ marginBottom: 16 }}>
            {f.editable && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={changed.length === 0}
                onClick={() => void save()}
              >
                {t(
                  `保存${changed.length ? `（${changed.length}）` : ''}`,
                  `Save${changed.length ? ` (${changed.length})` : ''}`,
                )}
              </Button>
            )}
            {f.actions.includes('submit') && (
              <Button icon={<SendOutlined />} loading={acting === 'submit'} onClick={() => void confirmSubmit()}>
                {t('提交审核', 'Submit for review')}
              </Button>
            )}
            {f.actions.includes('approve') && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={acting === 'approve'}
                onClick={() => withComment('approve')}
              >
                {f.status === 'league_approved' ? t('自治区审定', 'Final approval') : t('审核通过', 'Approve')}
              </Button>
            )}
            {f.actions.includes('return') && (
              <Button
                danger
                icon={<RollbackOutlined />}
                loading={acting === 'return'}
                onClick={() => withComment('return')}
              >
                {t('退回修改', 'Return')}
              </Button>
            )}
            {f.actions.includes('unlock') && (
              <Button
                danger
                icon={<UnlockOutlined />}
                loading={acting === 'unlock'}
                onClick={() => withComment('unlock')}
              >
                {t('解锁', 'Unlock')}
              </Button>
            )}
            {changed.length > 0 && <Button onClick={() => reset(f)}>{t('放弃修改', 'Discard changes')}</Button>}
          </Space>
          {formFindings.length > 0 && <FindingTags findings={formFindings} />}
          {sections.map((s) => (
            <div key={s.dimension?.code ?? 'other'} style={{ marginBottom: 16 }}>
              <Typography.Title level={5}>
                {s.dimension
                  ? `${s.dimension.code} ${locale === 'en-US' && s.dimension.nameEn ? s.dimension.nameEn : s.dimension.nameZh}`
                  : t('其他指标', 'Other indicators')}
              </Typography.Title>
              <FormTable
                rows={s.rows}
                drafts={drafts}
                editable={f.editable}
                onChange={(code, d) => setDrafts((m) => new Map(m).set(code, d))}
              />
            </div>
          ))}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <ImportPanel form={f} onImported={form.reload} />
            </Col>
            <Col xs={24} lg={8}>
              <AttachmentsPanel form={f} onChanged={form.reload} />
            </Col>
            <Col xs={24} lg={8}>
              <HistoryPanel form={f} />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
