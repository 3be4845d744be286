/**
 * Issue 12, item 13: a registration notifies the level that acts on it — the county's officer, else the league's,
 * else the region's — not every officer above the county.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, type TestApp } from '../../test/harness.ts';

let address = 0;
const register = (t: TestApp, username: string, phone: string, divisionCode: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/registrations',
    remoteAddress: `10.1.0.${++address}`,
    payload: { role: 'farmer', username, password: 'Steppe#Horse2026kq', displayName: username, phone, divisionCode },
  });

describe('registration notifications go to the level that acts', () => {
  let t: TestApp;
  let region: number;
  let league: number;
  let county: number;
  beforeEach(async () => {
    t = await createTestApp();
    region = await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    league = await addUser(t, { username: 'hohhot', role: 'league-officer', division: '150100' });
    county = await addUser(t, { username: 'tumed', role: 'county-officer', division: '150121' });
  });
  afterEach(async () => {
    await t.close();
  });

  const submitted = async (userId: number) =>
    (
      await t.db.db
        .selectFrom('notification')
        .select('body_zh')
        .where('user_id', '=', userId)
        .where('kind', '=', 'registration.submitted')
        .orderBy('id')
        .execute()
    ).map((n) => n.body_zh);

  it('tells only the county officer when the county has one', async () => {
    const r = await register(t, 'farmer-a', '13700000001', '150121');
    expect(r.statusCode).toBe(201);
    expect(await submitted(county)).toEqual([expect.stringContaining('farmer-a')]);
    expect(await submitted(league)).toEqual([]);
    expect(await submitted(region)).toEqual([]);
  });

  it('tells the league officer when the county has none, and the region only when neither has one', async () => {
    expect((await register(t, 'farmer-b', '13700000002', '150122')).statusCode).toBe(201);
    expect((await register(t, 'farmer-c', '13700000003', '150202')).statusCode).toBe(201);
    expect(await submitted(county)).toEqual([]);
    expect(await submitted(league)).toEqual([expect.stringContaining('farmer-b')]);
    expect(await submitted(region)).toEqual([expect.stringContaining('farmer-c')]);
  });

  it('skips a disabled county officer', async () => {
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', county).execute();
    expect((await register(t, 'farmer-d', '13700000004', '150121')).statusCode).toBe(201);
    expect(await submitted(league)).toEqual([expect.stringContaining('farmer-d')]);
    expect(await submitted(region)).toEqual([]);
  });
});
