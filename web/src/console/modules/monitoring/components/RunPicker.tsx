/**
 * The run a monitoring page shows: period and run selectors (published runs; managers also see unpublished ones,
 * tagged 未发布 / 临时) and the run's markings — provisional, 演示数据, framework version and mode.
 */
import { Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { Framework, RunSummary } from '../../../../../../contracts/monitoring.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { AGGREGATION_NAMES, MODE_NAMES, WEIGHT_NAMES } from '../labels.ts';
import { loggedRunOptions, runPeriods } from '../results.ts';

export function RunTags({ run }: { run: RunSummary }) {
  const t = useT();
  return (
    <>
      {run.publishedAt === null && <Tag color="orange">{t('未发布', 'Unpublished')}</Tag>}
      {run.provisional && (
        <Tooltip
          title={t('含未审核数据或临时值，不可发布', 'Uses unapproved or live provisional values; cannot be published')}
        >
          <Tag color="volcano">{t('临时', 'Provisional')}</Tag>
        </Tooltip>
      )}
      {run.isDemo && <Tag color="purple">{t('演示数据', 'Demo data')}</Tag>}
    </>
  );
}

/** One line naming where a result comes from: framework and version, mode, method (when logged), publication. */
export function RunSource({
  run,
  framework,
  log = [],
}: {
  run: RunSummary;
  framework?: Pick<Framework, 'nameZh' | 'nameEn'>;
  /** The result's parameter log, for weights, aggregation and replications. */
  log?: readonly unknown[];
}) {
  const t = useT();
  const { locale } = useSession();
  const mode = MODE_NAMES[run.mode];
  const options = loggedRunOptions(log);
  const method = options
    ? t(
        `${WEIGHT_NAMES[options.weights].zh} · ${AGGREGATION_NAMES[options.aggregation].zh} · ${options.replications > 0 ? `蒙特卡洛 ${options.replications} 次` : '无区间'} · `,
        `${WEIGHT_NAMES[options.weights].en} · ${AGGREGATION_NAMES[options.aggregation].en.toLowerCase()} · ${options.replications > 0 ? `${options.replications} Monte Carlo runs` : 'no intervals'} · `,
      )
    : '';
  const name = framework ? t(framework.nameZh, framework.nameEn || framework.nameZh) : run.frameworkCode;
  return (
    <Typography.Text type="secondary" data-testid="run-source">
      {t(
        `${run.period} 年度 · 指标体系「${name}」第 ${run.frameworkVersion} 版 · ${mode.zh} · `,
        `${run.period} · framework “${name}” version ${run.frameworkVersion} · ${mode.en} · `,
      )}
      {method}
      {run.publishedAt
        ? t(`发布于 ${formatDateTime(run.publishedAt, locale)}`, `published ${formatDateTime(run.publishedAt, locale)}`)
        : run.finishedAt
          ? t(
              `测算于 ${formatDateTime(run.finishedAt, locale)}（未发布）`,
              `computed ${formatDateTime(run.finishedAt, locale)} (unpublished)`,
            )
          : ''}
      {run.isDemo && t('；演示数据，非真实统计。', '; demo data, not real statistics.')}
    </Typography.Text>
  );
}

export function runLabel(run: RunSummary, t: (zh: string, en: string) => string): string {
  const mode = MODE_NAMES[run.mode];
  const title = run.title || t(`${run.period} 年度${mode.zh}`, `${run.period} ${mode.en.toLowerCase()}`);
  return `#${run.id} ${title}`;
}

export interface RunPickerProps {
  runs: readonly RunSummary[];
  run: RunSummary | null;
  onPick: (ask: { run?: number; period?: number }) => void;
}

export function RunPicker({ runs, run, onPick }: RunPickerProps) {
  const t = useT();
  const periods = runPeriods(runs);
  const inPeriod = runs.filter((r) => r.status === 'done' && r.period === run?.period);
  return (
    <Space wrap>
      <Select<number>
        aria-label={t('年度', 'Period')}
        style={{ width: 110 }}
        value={run?.period}
        placeholder={t('年度', 'Period')}
        options={periods.map((p) => ({ value: p, label: t(`${p} 年`, String(p)) }))}
        onChange={(period) => onPick({ period })}
      />
      <Select<number>
        aria-label={t('测算批次', 'Run')}
        // Phones: never wider than the screen (the labels are long).
        style={{ minWidth: 220, maxWidth: 'calc(100vw - 64px)' }}
        value={run?.id}
        popupMatchSelectWidth={false}
        options={inPeriod.map((r) => ({
          value: r.id,
          label: (
            <Space size={4}>
              <span>{runLabel(r, t)}</span>
              <RunTags run={r} />
            </Space>
          ),
        }))}
        onChange={(id) => onPick({ run: id })}
      />
    </Space>
  );
}
