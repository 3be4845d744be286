/**
 * Data collection (数据填报与审核), what every use case of a county-year shares: the framework that collects now, the
 * county check through the scope function (outside the scope: 404), the caller's capabilities for a county, the
 * deadline, and the validation findings from the database. Use cases: forms.service (the entry form and saving
 * cells), workflow.service (the approval steps), submissions.service (lists, completeness), imports, attachments.
 */
import type { Framework } from '../../../../../contracts/monitoring.ts';
import type { Permission } from '../../../../../contracts/access.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { indicatorsOf, loadCurrentFramework } from '../frameworks/frameworks.repository.ts';
import { findDivision, isRegionCounty } from '../shared/counties.repository.ts';
import * as values from './values.repository.ts';
import { validateForm, type CellState } from './validation.ts';
import type { Capabilities, FormStatus } from './workflow.ts';

export interface FormKey {
  division: string;
  period: number;
}

/** The framework that collects data now (the newest active one); 404 when none is active. */
export async function currentFramework(db: DbOrTrx): Promise<Framework> {
  const f = await loadCurrentFramework(db);
  if (!f)
    throw new AppError('NOT_FOUND', {
      zh: '尚未启用指标体系，暂不能填报',
      en: 'No indicator framework is active; data cannot be entered yet',
    });
  return f;
}

/** A county of the region the caller reaches, loaded once per request with its scope checks remembered. */
export interface CountyAccess {
  division: NonNullable<Awaited<ReturnType<typeof findDivision>>>;
  /**
   * Whether the caller holds `permission` with the county inside its scope. One `isWithinScope` per distinct set of
   * roots, remembered: a role grants the monitoring permissions at the same divisions, so a request that needs
   * several (save, then answer the form with its actions) checks the scope once.
   */
  holds(permission: Permission): Promise<boolean>;
  /** What the caller may do for the county (the workflow's capabilities). */
  capabilities(): Promise<Capabilities>;
}

/**
 * Checks that `division` is a county of the region within the caller's scope for `permission`: unknown or outside
 * the scope answers 404, a division that is not a county 400. The answer carries the division and the caller's
 * other permissions there, so that the rest of the request neither reads the division nor checks the scope again.
 */
export async function resolveCounty(
  deps: Deps,
  caller: Caller,
  division: string,
  permission: Permission,
): Promise<CountyAccess> {
  const checks = new Map<string, Promise<boolean>>();
  const holds = (p: Permission): Promise<boolean> => {
    const roots = scopeRoots(caller.principal, p);
    const key = [...roots].sort().join(',');
    let check = checks.get(key);
    if (!check) checks.set(key, (check = isWithinScope(deps.db, roots, division)));
    return check;
  };
  const row = await findDivision(deps.db, division);
  if (!row || !(await holds(permission))) throw new AppError('NOT_FOUND');
  if (!(await isRegionCounty(deps.db, division)))
    throw new AppError('VALIDATION', {
      zh: '只有自治区所辖旗县（市、区）填报监测数据',
      en: 'Only the counties of the region enter monitoring data',
      details: [{ path: 'params.division', message: '请选择旗县级行政区', messageEn: 'Choose a county' }],
    });
  return {
    division: row,
    holds,
    async capabilities() {
      const [enter, approve, manage] = await Promise.all([
        holds('monitoring:enter'),
        holds('monitoring:approve'),
        holds('monitoring:manage'),
      ]);
      return { enter, approve, manage };
    },
  };
}

/**
 * After a write, the form is answered as GET would answer it: within the read scope (else 404, as GET). The county
 * and its scope checks come from the write's own `resolveCounty`.
 */
export async function assertReadable(access: CountyAccess): Promise<void> {
  if (!(await access.holds('monitoring:read'))) throw new AppError('NOT_FOUND');
}

/** The collection deadline of a period: settings.deadline ("06-30") in the following year, as a date. */
export function deadlineDate(framework: Framework, period: number): string {
  return `${period + 1}-${framework.settings.deadline}`;
}

/** The end of the deadline day in China Standard Time (UTC+8), as an instant. */
export function deadlineEnd(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3600_000);
}

/** Submitted after the deadline, or not submitted (draft, returned, not started) when it has passed. */
export function isLate(status: FormStatus, submittedAt: string | null, deadline: Date, now: Date): boolean {
  const submitted = status === 'submitted' || status === 'league_approved' || status === 'approved';
  if (submitted) return submittedAt !== null && Date.parse(submittedAt) > deadline.getTime();
  return now.getTime() > deadline.getTime();
}

type PeriodValues = Awaited<ReturnType<typeof values.listPeriodValues>>;

/** Cells of one county and the other counties' numeric values per indicator (the outlier reference). */
export function splitPeriodValues(rows: PeriodValues, county: string) {
  const own = new Map<string, CellState>();
  const peers = new Map<string, number[]>();
  for (const r of rows) {
    if (r.division_code === county) {
      own.set(r.indicator_code, {
        value: r.value === null ? null : Number(r.value),
        textValue: r.text_value,
        note: r.note,
      });
    } else if (r.value !== null) {
      let list = peers.get(r.indicator_code);
      if (!list) peers.set(r.indicator_code, (list = []));
      list.push(Number(r.value));
    }
  }
  return { own, peers };
}

async function previousValues(db: DbOrTrx, frameworkCode: string, county: string, period: number) {
  const rows = await values.listValues(db, frameworkCode, county, period - 1);
  return new Map(rows.map((r) => [r.indicator_code, r.value === null ? null : Number(r.value)]));
}

/** Findings of one county-year from the database (used by the form and by submission). */
export async function findingsOf(db: DbOrTrx, framework: Framework, county: string, period: number) {
  const indicators = indicatorsOf(framework);
  const [periodRows, previous] = await Promise.all([
    values.listPeriodValues(db, framework.code, period),
    previousValues(db, framework.code, county, period),
  ]);
  const { own, peers } = splitPeriodValues(periodRows, county);
  const findings = validateForm({ indicators, rules: framework.settings.rules, values: own, previous, peers });
  return { findings, own, previous, indicators };
}
