/**
 * Reading facts: the scope check first, then the cache, then the fact's computation over the requested subtree,
 * aggregated to one division level up the division tree.
 */
import type { z } from 'zod';
import type { FactResult, FactValue, ZFactList, ZFactQuery } from '../../../../contracts/metrics.ts';
import type { DivisionLevel } from '../divisions/divisions.tables.ts';
import { isWithinScope, scopeRoots } from '../access/scope.ts';
import { iso } from '../clock.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { aggregateRows, type Cell } from './aggregate.ts';
import { cachedFact } from './cache.ts';
import { findDivisionNode, listLevelMembers, listSubtree, type DivisionNode } from './metrics.repository.ts';
import { defaultPeriod, findFact, isValidPeriod, listFacts, type FactDefinition } from './registry.ts';

export type FactQuery = z.infer<typeof ZFactQuery> & { fact: string };

const LEVEL_ORDER: Record<DivisionLevel, number> = { province: 0, prefecture: 1, county: 2 };
const LEVELS: DivisionLevel[] = ['province', 'prefecture', 'county'];

const LEVEL_NAMES: Record<DivisionLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'province' },
  prefecture: { zh: '盟市级', en: 'prefecture' },
  county: { zh: '旗县级', en: 'county' },
};

/** Every registered fact, for any signed-in caller (names and titles are not division data). */
export function listFactInfo(): z.infer<typeof ZFactList> {
  return {
    items: listFacts().map((f) => ({
      name: f.name,
      title: f.title,
      unit: f.unit,
      periodType: f.periodType,
      aggregation: f.aggregation,
      dimensions: [...(f.dimensions ?? [])],
    })),
  };
}

function invalid(zh: string, en: string, path: string): AppError {
  return new AppError('VALIDATION', { zh, en, details: [{ path, message: zh, messageEn: en }] });
}

/** The caller's division when it holds `metrics:read` there, else the first division where it does. */
async function defaultDivision(deps: Deps, caller: Caller, roots: readonly string[]): Promise<string> {
  const own = caller.principal.divisionCode;
  if (await isWithinScope(deps.db, roots, own)) return own;
  const first = roots[0];
  if (first === undefined) throw new AppError('FORBIDDEN');
  return first;
}

/**
 * One fact for each division of `level` under `division`, with the subtree total. A division outside the caller's
 * scope (or unknown) answers 404, like any object outside the scope; rows are the division's own subtree, so they
 * never leave the scope.
 */
export async function getFact(deps: Deps, caller: Caller, query: FactQuery): Promise<FactResult> {
  const fact = findFact(query.fact);
  if (!fact) throw new AppError('NOT_FOUND', { zh: `未找到指标事实 ${query.fact}`, en: `No fact named ${query.fact}` });
  const roots = scopeRoots(caller.principal, 'metrics:read');
  const code = query.division ?? (await defaultDivision(deps, caller, roots));
  const division = await findDivisionNode(deps.db, code);
  if (!division || !(await isWithinScope(deps.db, roots, code)))
    throw new AppError('NOT_FOUND', {
      zh: `未找到行政区划 ${code}，或不在管辖范围内`,
      en: `Division ${code} not found or outside your divisions`,
    });
  const level = query.level ?? LEVELS[Math.min(LEVEL_ORDER[division.level] + 1, 2)] ?? 'county';
  if (LEVEL_ORDER[level] < LEVEL_ORDER[division.level])
    throw invalid(
      `层级 ${LEVEL_NAMES[level].zh} 高于行政区划 ${division.name} 的层级`,
      `Level ${LEVEL_NAMES[level].en} is above the level of division ${code}`,
      'querystring.level',
    );
  const period = query.period ?? defaultPeriod(fact.periodType, deps.clock.now());
  if (!isValidPeriod(fact.periodType, period))
    throw invalid(
      fact.periodType === 'snapshot' ? '该指标事实为当前快照，期间只能为 current' : '期间与该指标事实的期间类型不符',
      `The period does not fit the fact's period type (${fact.periodType})`,
      'querystring.period',
    );
  if (query.by !== undefined && !(fact.dimensions ?? []).includes(query.by))
    throw invalid(`该指标事实没有维度 ${query.by}`, `The fact has no dimension ${query.by}`, 'querystring.by');

  const { value } = await cachedFact({
    db: deps.db,
    fact: fact.name,
    key: `${code}|${period}|${level}|${query.by ?? ''}`,
    nowMs: deps.clock.now().getTime(),
    compute: () => computeFact(deps, { fact, division, period, level, by: query.by }),
  });
  return value;
}

async function computeFact(
  deps: Deps,
  q: { fact: FactDefinition; division: DivisionNode; period: string; level: DivisionLevel; by: string | undefined },
): Promise<FactResult> {
  const computedAt = iso(deps.clock.now());
  const subtree = await listSubtree(deps.db, q.division.code);
  const inSubtree = new Set(subtree.map((d) => d.code));
  const rows = (await q.fact.compute(deps.db, { period: q.period, divisionCodes: [...inSubtree] })).filter((r) =>
    inSubtree.has(r.divisionCode),
  );
  const members = await listLevelMembers(deps.db, q.division.code, q.level);
  const groupOf = new Map(members.map((m) => [m.member, m.group]));
  const groups = subtree.filter((d) => d.level === q.level);
  const cells = aggregateRows(rows, {
    aggregation: q.fact.aggregation,
    groups: groups.map((g) => g.code),
    groupOf: (c) => groupOf.get(c),
    by: q.by,
  });
  const totals = aggregateRows(rows, {
    aggregation: q.fact.aggregation,
    groups: [q.division.code],
    groupOf: () => q.division.code,
    by: q.by,
  });
  const present = (d: DivisionNode, cell: Cell | undefined): FactValue => ({
    divisionCode: d.code,
    divisionName: d.name,
    level: d.level,
    value: cell?.value ?? 0,
    ...(q.by ? { breakdown: cell?.breakdown ?? {} } : {}),
  });
  return {
    fact: q.fact.name,
    title: q.fact.title,
    unit: q.fact.unit,
    periodType: q.fact.periodType,
    aggregation: q.fact.aggregation,
    period: q.period,
    level: q.level,
    by: q.by ?? null,
    total: present(q.division, totals.get(q.division.code)),
    items: groups.map((g) => present(g, cells.get(g.code))),
    computedAt,
  };
}
