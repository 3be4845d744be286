/**
 * 发布 dialog of an index run: the coverage of the run's year (approved / in review / returned / not submitted,
 * by league, and each missing county with its reason) from GET /api/monitoring/runs/:id/coverage; publishing an
 * incomplete year needs the explicit acknowledgement the server also requires.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { MISSING_REASON_NAMES, type RunCoverage, type RunSummary } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';

export interface PublishRunDialogProps {
  run: RunSummary | null;
  onClose: () => void;
  onPublished: (run: RunSummary) => void;
}

const REASON_COLOURS = { not_submitted: 'default', in_review: 'processing', returned: 'warning', no_data: 'default' };

/** '103 个旗县中 81 个审核通过，审核中 8、退回 4、未报送 10'. */
export function CoverageSummary({ coverage }: { coverage: RunCoverage }) {
  const t = useT();
  return (
    <Typography.Text data-testid="coverage-summary">
      {t(
        `${coverage.period} 年度 ${coverage.total} 个旗县中 ${coverage.approved} 个审核通过，审核中 ${coverage.inReview}、退回 ${coverage.returned}、未报送 ${coverage.notSubmitted}；${coverage.scored} 个有综合得分。`,
        `${coverage.period}: ${coverage.approved} of ${coverage.total} counties approved, ${coverage.inReview} in review, ${coverage.returned} returned, ${coverage.notSubmitted} not submitted; ${coverage.scored} scored.`,
      )}
    </Typography.Text>
  );
}

/** The missing counties as tags: name and reason. */
export function MissingCounties({ coverage }: { coverage: RunCoverage }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap data-testid="missing-counties">
      {coverage.missing.map((m) => (
        <Tag key={m.code} color={REASON_COLOURS[m.reason]} style={{ marginInlineEnd: 0 }}>
          {m.name} · {t(MISSING_REASON_NAMES[m.reason].zh, MISSING_REASON_NAMES[m.reason].en)}
        </Tag>
      ))}
    </Space>
  );
}

function LeagueTable({ coverage }: { coverage: RunCoverage }) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: 420, y: 220 }}
      dataSource={coverage.leagues}
      columns={[
        { title: t('盟市', 'League'), dataIndex: 'name', width: 110 },
        { title: t('已审核', 'Approved'), key: 'a', width: 80, render: (_: unknown, l) => `${l.approved}/${l.total}` },
        { title: t('审核中', 'In review'), dataIndex: 'inReview', width: 70 },
        { title: t('退回', 'Returned'), dataIndex: 'returned', width: 60 },
        { title: t('未报送', 'Not submitted'), dataIndex: 'notSubmitted', width: 70 },
      ]}
    />
  );
}

export function PublishRunDialog({ run, onClose, onPublished }: PublishRunDialogProps) {
  const t = useT();
  const { locale } = useSession();
  const coverage = useFetch<RunCoverage>(run ? `/api/monitoring/runs/${run.id}/coverage` : null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAcknowledged(false);
    setError(null);
  }, [run]);
  const c = coverage.data;
  const incomplete = c !== null && !c.complete;
  const canPublish = c !== null && (!incomplete || acknowledged);

  const publish = async () => {
    if (!run) return;
    setBusy(true);
    try {
      const body = incomplete ? { acknowledgeIncomplete: true } : {};
      onPublished(await api.post<RunSummary>(`/api/monitoring/runs/${run.id}/publish`, body));
    } catch (err) {
      setError(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('发布测算结果', 'Publish the result')}
      open={run !== null}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('取消', 'Cancel')}
        </Button>,
        <Button key="ok" type="primary" disabled={!canPublish} loading={busy} onClick={() => void publish()}>
          {incomplete ? t('确认发布', 'Publish anyway') : t('发布', 'Publish')}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="publish-dialog">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t(
            `${run?.period ?? ''} 年度结果将在工作台和门户公开，所有有权用户可见；数据覆盖情况随结果一并公布。`,
            `The ${run?.period ?? ''} result becomes visible in the console and on the public portal, with its coverage.`,
          )}
        </Typography.Paragraph>
        {coverage.error && <ErrorBanner message={coverage.error} onRetry={coverage.reload} />}
        {!c && !coverage.error && <Spin />}
        {c && (
          <>
            <Alert
              type={incomplete ? 'warning' : 'success'}
              showIcon
              title={<CoverageSummary coverage={c} />}
              description={incomplete ? <MissingCounties coverage={c} /> : undefined}
            />
            <LeagueTable coverage={c} />
            {incomplete && (
              <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)}>
                {t(
                  `我确认在 ${c.missing.length} 个旗县缺数据的情况下发布`,
                  `I confirm publishing with ${c.missing.length} counties missing`,
                )}
              </Checkbox>
            )}
          </>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}
