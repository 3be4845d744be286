/**
 * 数据填报 (/console/monitoring/entry[/:division/:period]): a county's values of one year per dimension with last
 * year, year-on-year change, source, note, flags and the checks inline; save, template and import, attachments,
 * submit with confirmation; read-only with a status banner once submitted. Reviewers open the same page from 数据审核
 * (/console/monitoring/review/:division/:period) and approve or return with a comment; the region unlocks approved
 * data. The checks run while typing (the server's rules from contracts); phones get a card per indicator and a save
 * bar at the bottom of the screen, desktops the table.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Grid, Input, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined, UnlockOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { Form, ZSubmissionPage } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError, request } from '../../../../shared/api.ts';
import { pick } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { FindingTags } from '../components/entry/EntryCells.tsx';
import { EntryBanner } from '../components/entry/EntryBanner.tsx';
import { EntryCards } from '../components/entry/EntryCards.tsx';
import { FormTable } from '../components/entry/FormTable.tsx';
import { SaveBar } from '../components/entry/SaveBar.tsx';
import { countFindings, liveCompleteness, liveFindings } from '../components/entry/live-checks.ts';
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

const ENTRY = '/console/monitoring/entry';
const REVIEW = '/console/monitoring/review';

/** County and year pickers; counties are the caller's (from the submissions list). `base`: the form's path. */
function Picker({ division, period, base }: { division: string | null; period: number; base: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const counties = useFetch<SubmissionPage>('/api/monitoring/submissions', { period, pageSize: 200 });
  const go = (d: string | null, p: number) => {
    if (d) void navigate(`${base}/${d}/${p}`);
    else void navigate(`${ENTRY}?period=${p}`);
  };
  return (
    <Space wrap>
      <Select
        showSearch
        style={{ width: 240, maxWidth: '100%' }}
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
  const isPhone = Grid.useBreakpoint().md === false;
  const params = useParams();
  const [search] = useSearchParams();
  const division = params.division ?? null;
  const period = Number(params.period) || Number(search.get('period')) || defaultPeriod(new Date());
  // Opened from 数据审核 (its own path, or ?from=review): a way back, and the picker stays under the review path.
  const underReview = useLocation().pathname.startsWith(`${REVIEW}/`);
  const fromReview = underReview || search.get('from') === 'review';

  // A county officer lands on the own county; others choose.
  useEffect(() => {
    if (!division && session.division.level === 'county' && session.can('monitoring:enter'))
      void navigate(`${ENTRY}/${session.user.divisionCode}/${period}`, { replace: true });
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
  // The checks follow the drafts as the officer types (the server's rules, shared from contracts).
  const findings = useMemo(() => (f ? liveFindings(f, drafts) : []), [f, drafts]);
  const sections = useMemo(() => (f ? sectionsOf({ ...f, findings }) : []), [f, findings]);
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
    const final = action === 'approve' && current?.status === 'league_approved';
    modal.confirm({
      title:
        action === 'approve'
          ? final
            ? t('自治区审定？', 'Final approval?')
            : t('审核通过？', 'Approve?')
          : action === 'return'
            ? t('退回修改', 'Return for correction')
            : t('解锁已审定数据', 'Unlock approved data'),
      content: (
        <>
          {final && (
            <Typography.Paragraph>
              {t('审定后数据锁定，可用于测算和发布。', 'The data is then locked and can be used in index runs.')}
            </Typography.Paragraph>
          )}
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
        </>
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
      <Picker division={division} period={period} base={underReview ? REVIEW : ENTRY} />
      {fromReview && <Link to={REVIEW}>{t('返回审核列表', 'Back to review')}</Link>}
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
  const counts = countFindings(findings);
  const formFindings = findings.filter((x) => x.indicatorCode === null);
  const onCellChange = (code: string, d: Draft) => setDrafts((m) => new Map(m).set(code, d));
  const Section = isPhone ? EntryCards : FormTable;
  const saveBar = f?.editable && (
    <SaveBar
      changed={changed.length}
      saving={saving}
      errors={counts.errors}
      sticky={isPhone}
      onSave={() => void save()}
      onDiscard={() => reset(f)}
    />
  );

  return (
    <Card
      title={
        f ? (
          <Space wrap size={[8, 0]} style={isPhone ? { whiteSpace: 'normal' } : undefined}>
            {t(`${f.divisionName} ${f.period} 年监测数据`, `${f.divisionName} ${f.period} monitoring data`)}
            {status && (
              <Tag color={status.color} data-testid="form-status">
                {pick(status, locale)}
              </Tag>
            )}
            {f.late && f.editable && <Tag color="error">{t('逾期', 'Overdue')}</Tag>}
          </Space>
        ) : (
          t('数据填报', 'Data entry')
        )
      }
      extra={isPhone ? undefined : header}
      styles={isPhone ? { header: { paddingInline: 12 }, body: { padding: 12 } } : undefined}
    >
      {isPhone && <div style={{ marginBottom: 12 }}>{header}</div>}
      {form.error && <ErrorBanner message={form.error} onRetry={form.reload} />}
      {form.loading && !f && <Spin />}
      {f && status && (
        <>
          <EntryBanner
            form={f}
            completeness={liveCompleteness(f, drafts)}
            errors={counts.errors}
            warnings={counts.warnings}
          />
          <Space wrap style={{ marginBottom: 16 }}>
            {!isPhone && saveBar}
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
          </Space>
          {formFindings.length > 0 && <FindingTags findings={formFindings} />}
          {sections.map((s) => (
            <div key={s.dimension?.code ?? 'other'} style={{ marginBottom: 16 }}>
              <Typography.Title level={5}>
                {s.dimension
                  ? `${s.dimension.code} ${locale === 'en-US' && s.dimension.nameEn ? s.dimension.nameEn : s.dimension.nameZh}`
                  : t('其他指标', 'Other indicators')}
              </Typography.Title>
              <Section rows={s.rows} drafts={drafts} editable={f.editable} onChange={onCellChange} />
            </div>
          ))}
          {isPhone && saveBar}
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
