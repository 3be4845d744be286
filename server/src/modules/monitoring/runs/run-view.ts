/**
 * A finished run as readers see it: its counties beside the previous published run (like-for-like ranks, see
 * comparison.ts), the comparison's basis and the coverage of the year with each missing county's reason.
 */
import type { CountyResult, RankComparison, RunCoverage } from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { compareWithPrevious } from './comparison.ts';
import { missingReasons, runCoverage } from './coverage.ts';
import { type StoredResult, parseStoredResult } from './runs.presenter.ts';
import * as repo from './runs.repository.ts';

/** The previous published run of the same framework code and mode, one period earlier. */
export async function previousRun(
  deps: Deps,
  row: repo.RunRowWithFramework,
): Promise<repo.RunRowWithFramework | undefined> {
  const runs = await repo.listPublishedRuns(deps.db, {
    frameworkCode: row.framework_code,
    mode: row.mode,
    period: row.period - 1,
  });
  return runs.find((r) => r.id !== row.id);
}

export interface RunView {
  counties: CountyResult[];
  comparison: RankComparison | null;
  coverage: RunCoverage;
}

/** The run's counties with the previous period and the missing reasons, the comparison and the coverage. */
export async function viewRun(deps: Deps, row: repo.RunRowWithFramework, stored: StoredResult): Promise<RunView> {
  const prev = await previousRun(deps, row);
  const before = prev ? parseStoredResult(prev) : null;
  const coverage = await runCoverage(deps, row, stored);
  const { counties, comparison } = compareWithPrevious(
    stored.counties,
    prev && before ? { runId: prev.id, period: prev.period, counties: before.counties } : null,
    missingReasons(coverage),
  );
  return { counties, comparison, coverage };
}

/** Stored counties with the previous published run's rank, score and tier and the like-for-like change. */
export async function countiesWithPrevious(
  deps: Deps,
  row: repo.RunRowWithFramework,
  stored: StoredResult,
): Promise<CountyResult[]> {
  return (await viewRun(deps, row, stored)).counties;
}
