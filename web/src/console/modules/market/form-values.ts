/** Form values -> request bodies of the market's create/edit forms (blank optional fields left out or null). */

type Values = Record<string, unknown>;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Drops blank optional values so the server's defaults apply; `nullable` keys become null instead. */
export function requestBody(values: Values, nullable: readonly string[] = []): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (blank(v)) {
      if (nullable.includes(k)) out[k] = null;
      continue;
    }
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

export const ACHIEVEMENT_NULLABLE = ['registrationNo', 'trl', 'price'] as const;
export const DEMAND_NULLABLE = ['targetStage', 'targetTrl', 'budgetMin', 'budgetMax', 'deadline'] as const;

/** The budget range's own check before sending: the lower bound may not exceed the upper. */
export function budgetError(min: unknown, max: unknown): string | null {
  return typeof min === 'number' && typeof max === 'number' && min > max
    ? '预算下限不能高于上限 / the lower bound exceeds the upper'
    : null;
}
