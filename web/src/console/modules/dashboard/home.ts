/**
 * What the console home (工作台) leads with for each kind of account, and the pure reading of the monitoring answers
 * it shows: a county's entry form as a to-do, a league's queue, the region's status by league, the published results.
 */
import type { Session } from '../../../../../contracts/auth.ts';
import { isAdminRole } from '../../../../../contracts/access.ts';
import type { z } from 'zod';
import type {
  Form,
  RunSummary,
  ZCompleteness,
  ZPublishedResults,
  ZSubmissionPage,
} from '../../../../../contracts/monitoring.ts';

export type Completeness = z.infer<typeof ZCompleteness>;
export type SubmissionPage = z.infer<typeof ZSubmissionPage>;
export type SubmissionRow = SubmissionPage['items'][number];
export type RunPage = { items: RunSummary[]; total: number };
export type PublishedResults = z.infer<typeof ZPublishedResults>;
export type PublishedCounty = PublishedResults['counties'][number];

/**
 * region: manages monitoring (the region's status and runs); league: reviews the league's forms; county: enters its
 * county's form; reader: reads figures and results only (responsibility units); admin: 三员; member: enterprises,
 * researchers, farmers and experts, who read no county figures.
 */
export type HomeKind = 'region' | 'league' | 'county' | 'reader' | 'admin' | 'member';

export function homeKind(session: Pick<Session, 'permissions' | 'roles'>): HomeKind {
  const has = (p: string) => session.permissions.includes(p);
  if (session.roles.some((r) => isAdminRole(r.role))) return 'admin';
  if (has('monitoring:manage')) return 'region';
  if (has('monitoring:approve')) return 'league';
  if (has('monitoring:enter')) return 'county';
  if (has('metrics:read') || has('monitoring:read')) return 'reader';
  return 'member';
}

/** The county whose form a county officer enters: the division of the role that carries the entry. */
export function entryCounty(session: Pick<Session, 'roles' | 'user'>): string {
  return session.roles.find((r) => r.role === 'county-officer')?.divisionCode ?? session.user.divisionCode;
}

const OPEN: readonly Form['status'][] = ['not_started', 'draft', 'returned'];

export interface FormTodo {
  status: Form['status'];
  /** The county still has to act (not started, draft or returned). */
  isOpen: boolean;
  /** Past the deadline and not submitted, or submitted after it. */
  isLate: boolean;
  deadline: string;
  completeness: number;
  /** The latest return, when the form stands returned. */
  returned: { comment: string; by: string | null; at: string } | null;
}

/** A county's entry form of the year as the home's first to-do. */
export function formTodo(form: Pick<Form, 'status' | 'late' | 'deadline' | 'completeness' | 'events'>): FormTodo {
  const lastReturn = [...form.events].reverse().find((e) => e.action === 'return');
  return {
    status: form.status,
    isOpen: OPEN.includes(form.status),
    isLate: form.late,
    deadline: form.deadline,
    completeness: form.completeness,
    returned:
      form.status === 'returned' && lastReturn
        ? { comment: lastReturn.comment, by: lastReturn.actorName, at: lastReturn.at }
        : null,
  };
}

/** Counties that have not submitted (not started, draft or returned), returned first. */
export function notSubmitted(rows: readonly SubmissionRow[]): SubmissionRow[] {
  const order = (s: SubmissionRow['status']) => (s === 'returned' ? 0 : s === 'draft' ? 1 : 2);
  return rows
    .filter((r) => OPEN.includes(r.status))
    .sort((a, b) => order(a.status) - order(b.status) || a.divisionCode.localeCompare(b.divisionCode));
}

export interface LeagueStatus {
  code: string;
  name: string;
  counties: number;
  /** Submitted or further (awaiting league, awaiting region, approved). */
  submitted: number;
  approved: number;
  /** Not started, draft or returned. */
  missing: number;
  late: number;
}

const n = (byStatus: Record<string, number>, ...keys: string[]) => keys.reduce((s, k) => s + (byStatus[k] ?? 0), 0);

/** The completeness answer as rows per league plus the total. */
export function statusByLeague(c: Completeness): { total: LeagueStatus; leagues: LeagueStatus[] } {
  const row = (code: string, name: string, counties: number, byStatus: Record<string, number>, late: number) => ({
    code,
    name,
    counties,
    submitted: n(byStatus, 'submitted', 'league_approved', 'approved'),
    approved: n(byStatus, 'approved'),
    missing: n(byStatus, 'not_started', 'draft', 'returned'),
    late,
  });
  return {
    total: row('', '', c.counties, c.byStatus, c.late),
    leagues: c.leagues.map((l) => row(l.code, l.name, l.counties, l.byStatus, l.late)),
  };
}

/** The best-ranked counties of a published answer, optionally among `within` (a league's counties). */
export function topCounties(
  counties: readonly PublishedCounty[],
  limit: number,
  within?: ReadonlySet<string>,
): PublishedCounty[] {
  return counties
    .filter((c) => c.rank !== null && (!within || within.has(c.code)))
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .slice(0, limit);
}
