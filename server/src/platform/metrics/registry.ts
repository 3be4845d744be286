/**
 * The fact registry: modules declare named facts (指标事实) computed from their own tables per division and period.
 * Monitoring indicators and supervision KPIs bind to these names instead of asking for manual entry.
 */
import type { DbOrTrx } from '../../db/database.ts';

export type PeriodType = 'year' | 'month' | 'snapshot';

/**
 * How values combine, both up the division tree and over the sub-periods a computation returns (months of a year):
 * `sum` adds everything; `max` keeps the largest; `latest` keeps, per division and dimension values, the row of the
 * latest period (a stock such as a head count) and then adds over divisions.
 */
export type Aggregation = 'sum' | 'max' | 'latest';

/** One computed cell: a division (usually a county), a period, a value, and the dimension values it belongs to. */
export interface FactRow {
  divisionCode: string;
  period: string;
  value: number;
  dims?: Readonly<Record<string, string>>;
}

export interface FactComputeInput {
  /** The requested period: `YYYY` (year, or a whole year of a month fact), `YYYY-MM`, or `current` (snapshot). */
  period: string;
  /** Every division of the requested subtree (the division itself included); rows outside it are ignored. */
  divisionCodes: readonly string[];
}

export interface FactDefinition {
  /** `module.fact`, lower case: `organisations.count`, `talent.service_days`. */
  name: string;
  title: { zh: string; en: string };
  /** Unit shown next to values, in Chinese (个, 天, 万元). */
  unit: string;
  periodType: PeriodType;
  /** Dimensions each row may carry in `dims`, available as `by=` breakdowns. */
  dimensions?: readonly string[];
  aggregation: Aggregation;
  /** Reads the module's own tables; returns rows at the level the records are attached to (normally county). */
  compute: (db: DbOrTrx, input: FactComputeInput) => Promise<FactRow[]>;
}

export const FACT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

const facts = new Map<string, FactDefinition>();

/**
 * Registers a fact. Idempotent for the same computation (buildApp runs once per app and tests build many apps);
 * a second, different computation under one name is a programming error and throws.
 */
export function defineFact(def: FactDefinition): FactDefinition {
  if (!FACT_NAME.test(def.name)) throw new Error(`fact name ${def.name} must look like module.fact`);
  const existing = facts.get(def.name);
  if (existing && existing.compute !== def.compute) throw new Error(`fact ${def.name} is already defined`);
  facts.set(def.name, def);
  return def;
}

/** The fact with this name, or undefined. */
export function findFact(name: string): FactDefinition | undefined {
  return facts.get(name);
}

/** Every registered fact, ordered by name. */
export function listFacts(): FactDefinition[] {
  return [...facts.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Whether `period` fits the fact's period type. Month facts accept a whole year too (their months are combined by
 * the fact's aggregation); snapshot facts describe the present and take only `current`.
 */
export function isValidPeriod(periodType: PeriodType, period: string): boolean {
  switch (periodType) {
    case 'year':
      return /^\d{4}$/.test(period);
    case 'month':
      return /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period);
    case 'snapshot':
      return period === 'current';
  }
}

/** The period asked for when none is given: this year, this month, or `current`. */
export function defaultPeriod(periodType: PeriodType, now: Date): string {
  const iso = now.toISOString();
  switch (periodType) {
    case 'year':
      return iso.slice(0, 4);
    case 'month':
      return iso.slice(0, 7);
    case 'snapshot':
      return 'current';
  }
}
