import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { listedAchievement, marketAgents, publishedDemand, type MarketAgents } from '../shared/market.test-helper.ts';
import { checkDigestDate, runDigest } from './digest.service.ts';

const CANARY = 'CANARY-DIGEST-7f3a';

describe('daily match digest', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const digests = () =>
    t.db.db.selectFrom('notification').selectAll().where('kind', '=', 'market.match.digest').orderBy('id').execute();

  it('tells each owner the new suggestions once a day, never twice, and never a confidential detail', async () => {
    const demandId = await publishedDemand(a, {
      title: '马铃薯种薯退化',
      description: '自留种连续多年病害加重，想换成脱毒种薯。',
    });
    await listedAchievement(a, {
      title: '马铃薯茎尖脱毒与雾培微型薯技术',
      summary: '茎尖脱毒、雾培微型薯，原原种单株结薯 10 粒以上。',
      confidentialDetail: `培养基配方 ${CANARY}`,
    });

    const first = await runDigest(t.app.deps, '2026-07-01');
    expect(first).toMatchObject({ date: '2026-07-01', alreadyRan: false, recipients: 2 });
    const notes = await digests();
    expect(notes).toHaveLength(2);
    const ent = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'ent')
      .executeTakeFirstOrThrow();
    const forEnt = notes.find((n) => n.user_id === ent.id)!;
    expect(forEnt.body_zh).toContain('马铃薯茎尖脱毒与雾培微型薯技术');
    expect(forEnt.link).toBe(`/console/market/demands/${demandId}`);
    for (const n of notes) expect(JSON.stringify(n)).not.toContain(CANARY);

    // Same day again: nothing. Next day: no new suggestion, no notification.
    expect(await runDigest(t.app.deps, '2026-07-01')).toMatchObject({ alreadyRan: true, recipients: 0 });
    expect(await runDigest(t.app.deps, '2026-07-02')).toMatchObject({ alreadyRan: false, recipients: 0 });
    expect(await digests()).toHaveLength(2);

    // A new achievement is new to the demand's owner only.
    await listedAchievement(a, { title: '脱毒种薯原种扩繁技术', summary: '脱毒种薯网棚扩繁，种薯退化减轻。' });
    expect(await runDigest(t.app.deps, '2026-07-03')).toMatchObject({ recipients: 2 });
    const latest = (await digests()).slice(2);
    expect(latest.find((n) => n.user_id === ent.id)?.body_zh).toContain('脱毒种薯原种扩繁技术');
    expect(latest.find((n) => n.user_id === ent.id)?.body_zh).not.toContain('马铃薯茎尖脱毒与雾培微型薯技术');
  });

  it('refuses a date that is not a calendar day', () => {
    expect(() => checkDigestDate('2026-02-30')).toThrow();
    expect(() => checkDigestDate('2026/07/01')).toThrow();
    expect(checkDigestDate('2026-07-01')).toBe('2026-07-01');
  });
});
