/** Shapes of stored runs: the summary row and the JSON blobs written by a finished run. */
import type {
  CountyResult,
  Framework,
  RunCoverage,
  RunResult,
  RunSummary,
} from '../../../../../contracts/monitoring.ts';
import type { RunOptions, RunData, StandardValue } from './run-engine.ts';
import type { MethodSpec, UncertaintySpec } from '@qixian/composite-index';
import type { RunRowWithFramework } from './runs.repository.ts';

/** Options of a run as requested (stored in mon_run.method from the start). */
export interface StoredOptions extends RunOptions {
  readonly includeUnapproved: boolean;
}

/** mon_run.method once the run has executed: the options, the method as run, and the data it read. */
export interface StoredMethod {
  readonly options: StoredOptions;
  readonly method?: MethodSpec;
  readonly uncertainty?: UncertaintySpec | null;
  readonly standardValues?: Readonly<Record<string, StandardValue>>;
  readonly notes?: readonly string[];
  readonly data?: RunData;
}

/** mon_run.result: what the result route returns besides the summary and the log. */
export interface StoredResult {
  readonly framework: Framework;
  readonly counties: CountyResult[];
  readonly statistics: RunResult['statistics'];
  /** The coverage of the year when the run was published (written by the publication). */
  readonly coverage?: RunCoverage;
}

export function presentRunSummary(row: RunRowWithFramework): RunSummary {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    frameworkCode: row.framework_code,
    frameworkVersion: row.framework_version,
    period: row.period,
    mode: row.mode,
    title: row.title,
    status: row.status,
    progress: row.progress,
    error: row.error,
    provisional: row.provisional === 1,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    publishedAt: row.published_at,
  };
}

export function parseStoredMethod(row: Pick<RunRowWithFramework, 'method'>): StoredMethod {
  return JSON.parse(row.method) as StoredMethod;
}

export function parseStoredResult(row: Pick<RunRowWithFramework, 'result'>): StoredResult | null {
  return row.result ? (JSON.parse(row.result) as StoredResult) : null;
}

export const MODE_NAMES: Record<RunOptions['mode'], string> = { monitoring: '监测模式', ranking: '排名模式' };
