/**
 * Coverage of a run's year (数据覆盖): which of the counties have an approved submission, which are in review,
 * returned or not submitted, overall and by league, and which have no score. Shown before publishing (publishing an
 * incomplete year needs an explicit acknowledgement), stored with the publication and shown with the results.
 */
import {
  type CountyResult,
  MISSING_REASON_NAMES,
  type MissingReason,
  type RunCoverage,
} from '../../../../../contracts/monitoring.ts';
import { iso } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { SubmissionStatus } from '../shared/monitoring.tables.ts';
import type { StoredResult } from './runs.presenter.ts';
import * as repo from './runs.repository.ts';

type CoverageStatus = RunCoverage['missing'][number]['status'];
type Counts = Pick<RunCoverage, 'total' | 'approved' | 'inReview' | 'returned' | 'notSubmitted'>;

/** The coverage status of a submission (none or a draft: not submitted). */
export function coverageStatus(s: SubmissionStatus | undefined): CoverageStatus {
  switch (s) {
    case 'approved':
      return 'approved';
    case 'submitted':
    case 'league_approved':
      return 'in_review';
    case 'returned':
      return 'returned';
    case 'draft':
    case undefined:
      return 'not_submitted';
  }
}

const COUNT_KEY = {
  approved: 'approved',
  in_review: 'inReview',
  returned: 'returned',
  not_submitted: 'notSubmitted',
} as const;

function emptyCounts(): Counts {
  return { total: 0, approved: 0, inReview: 0, returned: 0, notSubmitted: 0 };
}

/** Coverage of the run's counties from their submission statuses (pure). */
export function buildCoverage(input: {
  period: number;
  asOf: string;
  counties: readonly Pick<CountyResult, 'code' | 'name' | 'leagueCode' | 'leagueName' | 'score'>[];
  statuses: ReadonlyMap<string, SubmissionStatus>;
}): RunCoverage {
  const totals = emptyCounts();
  const leagues = new Map<string, Counts & { code: string; name: string }>();
  const missing: RunCoverage['missing'] = [];
  let scored = 0;
  for (const c of input.counties) {
    const status = coverageStatus(input.statuses.get(c.code));
    const league = leagues.get(c.leagueCode) ?? { code: c.leagueCode, name: c.leagueName, ...emptyCounts() };
    leagues.set(c.leagueCode, league);
    for (const counts of [totals, league]) {
      counts.total += 1;
      counts[COUNT_KEY[status]] += 1;
    }
    const isScored = c.score !== null;
    if (isScored) scored += 1;
    if (status !== 'approved' || !isScored)
      missing.push({
        code: c.code,
        name: c.name,
        leagueCode: c.leagueCode,
        leagueName: c.leagueName,
        status,
        reason: status === 'approved' ? 'no_data' : status,
        scored: isScored,
      });
  }
  return {
    period: input.period,
    asOf: input.asOf,
    ...totals,
    scored,
    complete: missing.length === 0,
    leagues: [...leagues.values()].sort((a, b) => a.code.localeCompare(b.code)),
    missing,
  };
}

/** The coverage of a run's year as it stands now. */
export async function liveCoverage(
  deps: Deps,
  row: repo.RunRowWithFramework,
  stored: StoredResult,
): Promise<RunCoverage> {
  const statuses = await repo.listSubmissionStatuses(deps.db, {
    frameworkCode: row.framework_code,
    period: row.period,
  });
  return buildCoverage({ period: row.period, asOf: iso(deps.clock.now()), counties: stored.counties, statuses });
}

/** The coverage shown with a run: as published (stored with the publication), else live. */
export async function runCoverage(
  deps: Deps,
  row: repo.RunRowWithFramework,
  stored: StoredResult,
): Promise<RunCoverage> {
  return (row.published_at !== null ? stored.coverage : undefined) ?? liveCoverage(deps, row, stored);
}

/** County code -> why it has no approved score. */
export function missingReasons(coverage: RunCoverage): Map<string, MissingReason> {
  return new Map(coverage.missing.map((m) => [m.code, m.reason]));
}

/** '103 个旗县中 81 个审核通过；缺数据 22 个（未报送 10、审核中 8、退回 4）' (one sentence, Chinese). */
export function coverageSentence(c: RunCoverage): string {
  const parts = [
    c.notSubmitted > 0 ? `未报送 ${c.notSubmitted}` : '',
    c.inReview > 0 ? `审核中 ${c.inReview}` : '',
    c.returned > 0 ? `退回 ${c.returned}` : '',
  ].filter(Boolean);
  const noData = c.missing.filter((m) => m.reason === 'no_data').length;
  if (noData > 0) parts.push(`已审核但无数据 ${noData}`);
  return (
    `${c.period} 年度 ${c.total} 个旗县中 ${c.approved} 个审核通过` +
    (c.complete ? '，数据完整' : `；缺数据 ${c.missing.length} 个（${parts.join('、')}）`)
  );
}

/** '未报送：甲旗、乙县；审核中：丙区' (the missing counties by reason; empty when complete). */
export function missingList(c: RunCoverage): string {
  const groups = new Map<MissingReason, string[]>();
  for (const m of c.missing) groups.set(m.reason, [...(groups.get(m.reason) ?? []), m.name]);
  return [...groups].map(([reason, names]) => `${MISSING_REASON_NAMES[reason].zh}：${names.join('、')}`).join('；');
}
