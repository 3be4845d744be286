/** Job kinds (后台任务的种类): declared once per process with `defineJobKind`, looked up by name when a node claims one. */
import type { FastifyBaseLogger } from 'fastify';
import type { Permission } from '../../../../contracts/access.ts';
import type { Caller, Deps } from '../deps.ts';

/** What a finished job hands back: one file for its owner to download. */
export interface JobOutput {
  fileName: string;
  mime: string;
  content: Buffer;
  /** Final status line (default 已完成). */
  message?: string;
}

export interface JobContext {
  deps: Deps;
  /** The caller who enqueued the job, as they were at that moment. */
  caller: Caller;
  jobId: number;
  /**
   * Reports progress (0-99; 100 is written when the job is done) with a short status line. Writes are throttled:
   * await it or not, it never throws.
   */
  progress(percent: number, message: string): Promise<void>;
}

/** A kind tracked in the `job` table: its owner follows it under /api/jobs and downloads the file it hands back. */
export interface JobKindDefinition<P> {
  /** Checked again when the job is enqueued (routes check theirs first). */
  permission?: Permission;
  run(ctx: JobContext, params: P): Promise<JobOutput>;
}

/** What a self-tracked job runs with: its row is its own, so it records status and progress itself. */
export interface SelfTrackedJobContext {
  deps: Deps;
  /** The app's logger (internal failures are logged here; the stored error stays generic). */
  log: Pick<FastifyBaseLogger, 'error'>;
}

/**
 * A kind whose users follow a row of its own table (index runs: the `mon_run` row and its RunSummary), not a `job`
 * row: it is not listed under /api/jobs and hands back no file. It shares the runner (one lane, started after the
 * request answered, the queue dropped at close) and the restart rule: `recover` runs when the app is ready.
 */
export interface SelfTrackedJobKindDefinition<P> {
  tracking: 'self';
  /** Runs the job, writing its own status, progress and outcome; a throw is only logged. */
  run(ctx: SelfTrackedJobContext, params: P): Promise<void>;
  /** Fails the kind's rows a previous process left queued or running (its queue died with it); returns how many. */
  recover(deps: Deps): Promise<number>;
}

export type FileJobKind<P> = JobKindDefinition<P> & { kind: string; tracking?: undefined };
export type SelfTrackedJobKind<P> = SelfTrackedJobKindDefinition<P> & { kind: string };
/** Any declared kind (a module manifest lists its kinds as `jobKinds`). */
export type JobKind<P> = FileJobKind<P> | SelfTrackedJobKind<P>;

/** Where a kind's jobs are followed: the `job` table (the default) or a row of the kind's own table. */
export type JobTracking = 'job' | 'self';
type DefinitionOf<P, T extends JobTracking> = T extends 'self' ? SelfTrackedJobKindDefinition<P> : JobKindDefinition<P>;
type KindOf<P, T extends JobTracking> = T extends 'self' ? SelfTrackedJobKind<P> : FileJobKind<P>;

const kinds = new Map<string, JobKind<never>>();

/**
 * Declares a job kind (once per process, at module load): `defineJobKind<Params>(kind, { run })` for a job followed
 * in the `job` table, `defineJobKind<Params, 'self'>(kind, { tracking: 'self', run, recover })` for a self-tracked one.
 */
export function defineJobKind<P, T extends JobTracking = 'job'>(kind: string, def: DefinitionOf<P, T>): KindOf<P, T> {
  if (kinds.has(kind)) throw new Error(`job kind "${kind}" is defined twice`);
  const k = { kind, ...def } as KindOf<P, T>;
  kinds.set(kind, k);
  return k;
}

/** The declared kind of this name, if this process knows it. */
export function kindNamed(kind: string): JobKind<never> | undefined {
  return kinds.get(kind);
}

/** Names of the kinds followed in the `job` table that this process can run (what its node claims). */
export function tableKindNames(): string[] {
  return [...kinds.values()].filter((k) => k.tracking !== 'self').map((k) => k.kind);
}

/** Every self-tracked kind (their `recover` runs when the app is ready). */
export function selfTrackedKinds(): SelfTrackedJobKind<never>[] {
  return [...kinds.values()].filter((k): k is SelfTrackedJobKind<never> => k.tracking === 'self');
}

export function assertDefined(kind: JobKind<never>): void {
  if (kinds.get(kind.kind) !== kind) throw new Error(`job kind "${kind.kind}" is not defined`);
}
