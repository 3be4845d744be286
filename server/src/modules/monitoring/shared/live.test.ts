import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactResult } from '../../../../../contracts/metrics.ts';
import type { Framework } from '../../../../../contracts/monitoring.ts';
import { addUser, createTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { DEFAULT_FRAMEWORK_CODE, loadActiveFramework } from '../frameworks/frameworks.repository.ts';
import { monitoredCounties } from './counties.repository.ts';
import { liveValues } from './live.ts';

describe('experts.count and live values', () => {
  let t: TestApp;
  let framework: Framework;

  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'exp1', role: 'expert', division: '150102' });
    await addUser(t, { username: 'exp2', role: 'expert', division: '150102' });
    await addUser(t, { username: 'exp3', role: 'expert', division: '150203' });
    await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    framework = (await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE))!;
  });
  afterEach(async () => {
    await t.close();
  });

  it('counts active experts per county through the metrics API, summed up the tree', async () => {
    const region = await signIn(t, 'region');
    const res = await region.request('GET', '/api/metrics/experts.count?division=150000&level=county');
    expect(res.statusCode).toBe(200);
    const body = res.json<FactResult>();
    expect(body.total.value).toBe(3);
    expect(body.items.find((i) => i.divisionCode === '150102')?.value).toBe(2);
    expect(body.items.find((i) => i.divisionCode === '150203')?.value).toBe(1);
    expect(body.items.find((i) => i.divisionCode === '150105')?.value).toBe(0);
  });

  it('gives a provisional value for every county of the region for each fact-bound indicator', async () => {
    const counties = await monitoredCounties(t.db.db);
    expect(counties).toHaveLength(103);
    const values = await liveValues(t.db.db, framework, 2025);
    expect(values).toHaveLength(103);
    expect(new Set(values.map((v) => v.indicatorCode))).toEqual(new Set(['D3.4']));
    const of = (code: string) => values.find((v) => v.divisionCode === code);
    expect(of('150102')).toEqual({
      divisionCode: '150102',
      indicatorCode: 'D3.4',
      value: 2,
      fact: 'experts.count',
      factPeriod: 'current',
    });
    expect(of('150203')?.value).toBe(1);
    expect(of('152921')?.value).toBe(0);
  });

  it('follows role changes and account status, and narrows to the given counties', async () => {
    const exp1 = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'exp1')
      .executeTakeFirstOrThrow();
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', exp1.id).execute();
    const values = await liveValues(t.db.db, framework, 2025, ['150102', '150203']);
    expect(values.map((v) => [v.divisionCode, v.value])).toEqual([
      ['150102', 1],
      ['150203', 1],
    ]);
    // An indicator bound to a fact filtered by a dimension value.
    const bound: Pick<Framework, 'nodes'> = {
      nodes: framework.nodes.map((n) =>
        n.code === 'D2.1' && n.spec
          ? { ...n, spec: { ...n.spec, fact: { fact: 'organisations.count', filter: { type: 'enterprise' } } } }
          : n,
      ),
    };
    const now = new Date().toISOString();
    await t.db.db
      .insertInto('organisation')
      .values(
        (['enterprise', 'enterprise', 'government'] as const).map((type, i) => ({
          name: `单位${i}`,
          type,
          uscc: null,
          division_code: '150102',
          status: 'active',
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const both = await liveValues(t.db.db, bound, 2025, ['150102']);
    expect(both.map((v) => [v.indicatorCode, v.value])).toEqual([
      ['D2.1', 2],
      ['D3.4', 1],
    ]);
  });
});
