/**
 * The daily match digest (每日匹配推荐): once a day each owner of a published demand or a listed achievement gets one
 * in-app notification listing the NEW suggestions for their records (top 5 each, never one sent before). Only public
 * titles are named (the match documents never hold a confidential detail). Idempotent: a day that already ran does
 * nothing (the run row's primary key is the date). Run by `qixian market digest [--date]` (cron, daily) or the
 * `market.digest` job kind.
 */
import { defineJobKind } from '../../../platform/jobs/index.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { iso } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { ACHIEVEMENT_MATCHABLE, DEMAND_MATCHABLE } from '../shared/market.policy.ts';
import { achievementDocument, demandDocument } from './matches.documents.ts';
import { indexOf } from './matches.service.ts';
import './digest.tables.ts';

/** Suggestions per record looked at each day. */
export const DIGEST_PER_RECORD = 5;
/** Lowest score worth telling an owner about. */
export const DIGEST_MIN_SCORE = 0.2;

export interface DigestResult {
  date: string;
  alreadyRan: boolean;
  recipients: number;
  suggestions: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a YYYY-MM-DD date (a real calendar day). */
export function checkDigestDate(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  if (!DATE.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date)
    throw new AppError('VALIDATION', {
      details: [{ path: 'date', message: `日期应为 YYYY-MM-DD：${date} / date must be YYYY-MM-DD` }],
    });
  return date;
}

interface Found {
  userId: number;
  fromType: 'demand' | 'achievement';
  fromId: number;
  fromTitle: string;
  toId: number;
  toTitle: string;
}

/** Runs the digest of `date` (default: today by the app clock). */
export async function runDigest(deps: Deps, date?: string): Promise<DigestResult> {
  const day = checkDigestDate(date ?? iso(deps.clock.now()).slice(0, 10));
  const done = await deps.db
    .selectFrom('mkt_match_digest_run')
    .select('digest_date')
    .where('digest_date', '=', day)
    .executeTakeFirst();
  if (done) return { date: day, alreadyRan: true, recipients: 0, suggestions: 0 };

  const demandRows = await deps.db
    .selectFrom('mkt_demand')
    .select([
      'id',
      'title',
      'description',
      'requirements',
      'desired_outcome',
      'keywords',
      'domain',
      'target_trl',
      'target_stage',
      'division_code',
      'budget_min',
      'budget_max',
      'cooperation_forms',
      'owner_user_id',
    ])
    .where('status', 'in', [...DEMAND_MATCHABLE])
    .where('owner_user_id', 'is not', null)
    .orderBy('id')
    .execute();
  const achievementRows = await deps.db
    .selectFrom('mkt_achievement')
    .select([
      'id',
      'title',
      'summary',
      'keywords',
      'public_summary',
      'domain',
      'trl',
      'stage',
      'division_code',
      'price',
      'transfer_modes',
      'owner_user_id',
    ])
    .where('status', 'in', [...ACHIEVEMENT_MATCHABLE])
    .where('owner_user_id', 'is not', null)
    .orderBy('id')
    .execute();
  const sent = new Set(
    (await deps.db.selectFrom('mkt_match_digest_item').select(['from_type', 'from_id', 'to_id']).execute()).map(
      (r) => `${r.from_type}:${r.from_id}:${r.to_id}`,
    ),
  );

  const found: Found[] = [];
  const collect = async (
    fromType: 'demand' | 'achievement',
    rows: { id: number; title: string; owner_user_id: number | null }[],
    toDoc: (r: never) => ReturnType<typeof demandDocument>,
  ) => {
    if (rows.length === 0) return;
    const index = await indexOf(deps.db, fromType === 'demand' ? 'achievement' : 'demand');
    for (const r of rows) {
      const hits = index.matcher.match({ ...toDoc(r as never), id: '' }, { limit: DIGEST_PER_RECORD });
      for (const h of hits) {
        if (h.score < DIGEST_MIN_SCORE || sent.has(`${fromType}:${r.id}:${h.id}`)) continue;
        found.push({
          userId: r.owner_user_id!,
          fromType,
          fromId: r.id,
          fromTitle: r.title,
          toId: Number(h.id),
          toTitle: index.docs.get(h.id)?.title ?? '',
        });
      }
    }
  };
  await collect('demand', demandRows, demandDocument);
  await collect('achievement', achievementRows, achievementDocument);

  const byUser = new Map<number, Found[]>();
  for (const f of found) byUser.set(f.userId, [...(byUser.get(f.userId) ?? []), f]);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // The run row first: a concurrent run of the same day fails on its primary key and rolls back.
    await trx
      .insertInto('mkt_match_digest_run')
      .values({ digest_date: day, ran_at: iso(now), recipients: byUser.size, suggestions: found.length })
      .execute();
    for (const [userId, items] of byUser) {
      const lines = items
        .slice(0, 20)
        .map((f) => `「${f.fromTitle}」→「${f.toTitle}」（${f.fromType === 'demand' ? '成果' : '需求'}）`);
      const more = items.length > 20 ? `\n另有 ${items.length - 20} 条 / ${items.length - 20} more` : '';
      const first = items[0]!;
      await notify(trx, {
        userIds: [userId],
        kind: 'market.match.digest',
        title: {
          zh: `每日匹配推荐：${items.length} 条新推荐（${day}）`,
          en: `Daily matches: ${items.length} new suggestions (${day})`,
        },
        body: { zh: lines.join('\n') + more, en: `${items.length} new suggestions for your market records.` },
        link: `/console/market/${first.fromType === 'demand' ? 'demands' : 'achievements'}/${first.fromId}`,
        at: now,
      });
      for (let i = 0; i < items.length; i += 200)
        await trx
          .insertInto('mkt_match_digest_item')
          .values(
            items.slice(i, i + 200).map((f) => ({
              from_type: f.fromType,
              from_id: f.fromId,
              to_id: f.toId,
              user_id: userId,
              digest_date: day,
            })),
          )
          .execute();
    }
    return { date: day, alreadyRan: false, recipients: byUser.size, suggestions: found.length };
  });
}

/** The digest as a platform job kind (self-tracked: its run row is its own; nothing to recover, a re-run is safe). */
export const digestJob = defineJobKind<{ date?: string }, 'self'>('market.digest', {
  tracking: 'self',
  run: async ({ deps }, params) => {
    await runDigest(deps, params.date);
  },
  recover: () => Promise.resolve(0),
});
