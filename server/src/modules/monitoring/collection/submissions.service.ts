/**
 * The county-years of a period as a list (数据审核: status, completeness, findings, lateness; the counties that have
 * not started included) and the completeness and timeliness summary (填报进度), both narrowed to the caller's scope.
 */
import type { z } from 'zod';
import type {
  ZCompleteness,
  ZListSubmissionsQuery,
  ZSubmissionPage,
  ZSubmissionRow,
} from '../../../../../contracts/monitoring.ts';
import { scopeRoots } from '../../../platform/access/scope.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { indicatorsOf } from '../frameworks/frameworks.repository.ts';
import { listCounties } from '../shared/counties.repository.ts';
import * as submissions from './submissions.repository.ts';
import { listPeriodValues } from './values.repository.ts';
import { currentFramework, deadlineDate, deadlineEnd, isLate, splitPeriodValues } from './collection.service.ts';
import { completenessOf, validateForm } from './validation.ts';
import type { FormStatus } from './workflow.ts';

type Row = z.infer<typeof ZSubmissionRow>;

/** Every county of the caller's read scope with its state for the period (optionally within `division`). */
async function countyRows(deps: Deps, caller: Caller, period: number, division?: string) {
  const framework = await currentFramework(deps.db);
  const roots = scopeRoots(caller.principal, 'monitoring:read');
  let counties = await listCounties(deps.db, roots);
  if (division) {
    const inside = new Set((await listCounties(deps.db, [division])).map((c) => c.code));
    counties = counties.filter((c) => inside.has(c.code));
  }
  const [subs, values, previousRows] = await Promise.all([
    submissions.listSubmissions(deps.db, framework.code, period),
    listPeriodValues(deps.db, framework.code, period),
    listPeriodValues(deps.db, framework.code, period - 1),
  ]);
  const subByCounty = new Map(subs.map((s) => [s.division_code, s]));
  const indicators = indicatorsOf(framework);
  const deadline = deadlineDate(framework, period);
  const end = deadlineEnd(deadline);
  const now = deps.clock.now();
  const previousByCounty = new Map<string, Map<string, number | null>>();
  for (const r of previousRows) {
    let m = previousByCounty.get(r.division_code);
    if (!m) previousByCounty.set(r.division_code, (m = new Map<string, number | null>()));
    m.set(r.indicator_code, r.value === null ? null : Number(r.value));
  }
  const rows: Row[] = counties.map((c) => {
    const sub = subByCounty.get(c.code);
    const status: FormStatus = sub?.status ?? 'not_started';
    const { own, peers } = splitPeriodValues(values, c.code);
    const findings =
      own.size === 0
        ? 0
        : validateForm({
            indicators,
            rules: framework.settings.rules,
            values: own,
            previous: previousByCounty.get(c.code) ?? new Map(),
            peers,
          }).filter((f) => f.severity === 'error' || !f.explained).length;
    return {
      divisionCode: c.code,
      divisionName: c.name,
      leagueCode: c.leagueCode,
      leagueName: c.leagueName,
      period,
      status,
      completeness: completenessOf(indicators, own),
      findings,
      submittedAt: sub?.submitted_at ?? null,
      approvedAt: sub?.approved_at ?? null,
      late: isLate(status, sub?.submitted_at ?? null, end, now),
      updatedAt: sub?.updated_at ?? null,
    };
  });
  return { rows, deadline };
}

/**
 * GET /api/monitoring/submissions. `mine`: what waits for the caller — the league step for league reviewers, the region
 * step for the region (monitoring:manage), forms not yet submitted for county officers.
 */
export async function listSubmissions(
  deps: Deps,
  caller: Caller,
  query: z.infer<typeof ZListSubmissionsQuery>,
): Promise<z.infer<typeof ZSubmissionPage>> {
  let { rows } = await countyRows(deps, caller, query.period, query.division);
  if (query.status) rows = rows.filter((r) => r.status === query.status);
  if (query.q) {
    const q = query.q.toLowerCase();
    rows = rows.filter((r) => r.divisionName.toLowerCase().includes(q) || r.divisionCode.startsWith(q));
  }
  if (query.mine === 'true') {
    const within = async (p: 'monitoring:enter' | 'monitoring:approve' | 'monitoring:manage') =>
      new Set((await listCounties(deps.db, scopeRoots(caller.principal, p))).map((c) => c.code));
    const [enter, approve, manage] = await Promise.all([
      within('monitoring:enter'),
      within('monitoring:approve'),
      within('monitoring:manage'),
    ]);
    const reviewer = approve.size > 0 || manage.size > 0;
    rows = rows.filter(
      (r) =>
        // The region may take the league step too, but its queue is the region step.
        (r.status === 'submitted' && approve.has(r.divisionCode) && !manage.has(r.divisionCode)) ||
        (r.status === 'league_approved' && manage.has(r.divisionCode)) ||
        (!reviewer && ['not_started', 'draft', 'returned'].includes(r.status) && enter.has(r.divisionCode)),
    );
  }
  const start = (query.page - 1) * query.pageSize;
  return {
    items: rows.slice(start, start + query.pageSize),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const SUBMITTED: readonly FormStatus[] = ['submitted', 'league_approved', 'approved'];

/** GET /api/monitoring/completeness?period=: counts by status and league, on time and late, mean completeness. */
export async function getCompleteness(
  deps: Deps,
  caller: Caller,
  period: number,
): Promise<z.infer<typeof ZCompleteness>> {
  const { rows, deadline } = await countyRows(deps, caller, period);
  const count = (list: Row[]) => {
    const byStatus: Record<string, number> = {
      not_started: 0,
      draft: 0,
      submitted: 0,
      league_approved: 0,
      approved: 0,
      returned: 0,
    };
    for (const r of list) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const completeness = list.length === 0 ? 0 : list.reduce((s, r) => s + r.completeness, 0) / list.length;
    return { byStatus, completeness, late: list.filter((r) => r.late).length };
  };
  const leagues = new Map<string, { name: string; rows: Row[] }>();
  for (const r of rows) {
    let l = leagues.get(r.leagueCode);
    if (!l) leagues.set(r.leagueCode, (l = { name: r.leagueName, rows: [] }));
    l.rows.push(r);
  }
  const all = count(rows);
  return {
    period,
    deadline,
    counties: rows.length,
    byStatus: all.byStatus,
    onTime: rows.filter((r) => SUBMITTED.includes(r.status) && !r.late).length,
    late: all.late,
    completeness: all.completeness,
    leagues: [...leagues].map(([code, l]) => ({ code, name: l.name, counties: l.rows.length, ...count(l.rows) })),
  };
}
