/**
 * Match suggestions (供需匹配): a demand's best achievements and experts, an achievement's best demands and
 * enterprises, from the matching engine (./matching) over the records on offer. Experts (accounts with the expert
 * role, through the users front door) and enterprises (organisations front door) are profiles made of their own
 * public market records (see profileDocument). One index per kind is kept per database handle and rebuilt when the
 * matchable records change (their count and latest change, read by one small query per request, so a write on any
 * app node shows at once). Feedback on a suggestion is stored for tuning.
 */
import type { z } from 'zod';
import type { ZMatchFeedbackRequest } from '../../../../../contracts/market.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import * as achievements from '../achievements/achievements.repository.ts';
import { loadVisible } from '../achievements/achievements.service.ts';
import * as demands from '../demands/demands.repository.ts';
import { loadVisibleDemand } from '../demands/demands.service.ts';
import { activeHoldersOfRoles, accountDisplayNames } from '../../users/index.ts';
import { organisationSummaries } from '../../organisations/index.ts';
import { createMatcher } from '../matching/index.ts';
import type { MatchDocument, Matcher } from '../matching/types.ts';
import { viewerOf } from '../shared/viewer.ts';
import { achievementDocument, demandDocument, profileDocument } from './matches.documents.ts';
import * as repo from './matches.repository.ts';

type Kind = 'achievement' | 'demand' | 'expert' | 'enterprise';

/** What a demand's suggestions are (records or people) and an achievement's. */
export type DemandTarget = 'achievements' | 'experts';
export type AchievementTarget = 'demands' | 'enterprises';

function group<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function profiles(db: DbOrTrx, kind: 'expert' | 'enterprise'): Promise<{ doc: MatchDocument; name: string }[]> {
  if (kind === 'expert') {
    const ids = await activeHoldersOfRoles(db, ['expert']);
    const owned = group(
      (await repo.achievementsOwnedBy(db, ids)).map((r) => ({ ...r, text: r.summary })),
      (r) => r.owner_user_id,
    );
    const names = await accountDisplayNames(db, [...owned.keys()]);
    return [...owned].map(([id, sources]) => {
      const name = names.get(id) ?? '';
      return { doc: profileDocument(id, 'expert', name, sources), name };
    });
  }
  const byOrg = group(
    (await repo.demandsWithOrganisation(db)).map((r) => ({ ...r, text: r.description })),
    (r) => r.org_id,
  );
  const names = await organisationSummaries(db, [...byOrg.keys()]);
  return [...byOrg].map(([id, sources]) => {
    const name = names.get(id)?.name ?? '';
    return { doc: profileDocument(id, 'enterprise', name, sources), name };
  });
}

interface Built {
  matcher: Matcher;
  docs: Map<string, { title: string; divisionCode: string | null }>;
}

const cache = new WeakMap<object, Map<Kind, { signature: string; built: Promise<Built> }>>();

async function build(db: DbOrTrx, kind: Kind): Promise<Built> {
  if (kind === 'expert' || kind === 'enterprise') {
    const people = await profiles(db, kind);
    return {
      matcher: createMatcher(people.map((p) => p.doc)),
      docs: new Map(people.map((p) => [p.doc.id, { title: p.name, divisionCode: p.doc.divisionCode ?? null }])),
    };
  }
  const documents: MatchDocument[] =
    kind === 'achievement'
      ? (await achievements.matchableRows(db)).map(achievementDocument)
      : (await demands.matchableRows(db)).map(demandDocument);
  return {
    matcher: createMatcher(documents),
    docs: new Map(documents.map((d) => [d.id, { title: d.title, divisionCode: d.divisionCode ?? null }])),
  };
}

/** The index over the matchable records of `kind`, rebuilt when they have changed. */
export async function indexOf(db: DbOrTrx, kind: Kind): Promise<Built> {
  const signature =
    kind === 'achievement'
      ? await achievements.matchableSignature(db)
      : kind === 'expert'
        ? `${await achievements.matchableSignature(db)}|${(await activeHoldersOfRoles(db, ['expert'])).join(',')}`
        : await demands.matchableSignature(db);
  let byKind = cache.get(db);
  if (!byKind) cache.set(db, (byKind = new Map<Kind, { signature: string; built: Promise<Built> }>()));
  const hit = byKind.get(kind);
  if (hit && hit.signature === signature) return hit.built;
  const built = build(db, kind);
  byKind.set(kind, { signature, built });
  built.catch(() => byKind.delete(kind));
  return built;
}

function run(index: Built, query: MatchDocument, limit: number) {
  // The query is of the other kind: its id means nothing in this index, so nothing is excluded.
  return index.matcher.match({ ...query, id: '' }, { limit }).map((h) => {
    const doc = index.docs.get(h.id);
    return {
      id: Number(h.id),
      title: doc?.title ?? '',
      score: Math.round(h.score * 10000) / 10000,
      explanation: h.explanation,
      divisionCode: doc?.divisionCode ?? null,
      reasons: h.reasons,
    };
  });
}

async function demandQuery(deps: Deps, caller: Caller, id: number): Promise<MatchDocument> {
  const row = await loadVisibleDemand(deps, viewerOf(caller), id);
  return demandDocument({ ...row, budget_min: row.budget_min, budget_max: row.budget_max });
}

async function achievementQuery(deps: Deps, caller: Caller, id: number): Promise<MatchDocument> {
  const row = await loadVisible(deps, viewerOf(caller), id);
  return achievementDocument(row);
}

/** Achievements on offer (or experts) that answer a demand the caller may see, best first. */
export async function matchesForDemand(
  deps: Deps,
  caller: Caller,
  id: number,
  limit: number,
  target: DemandTarget = 'achievements',
) {
  const query = await demandQuery(deps, caller, id);
  return { items: run(await indexOf(deps.db, target === 'experts' ? 'expert' : 'achievement'), query, limit) };
}

/** Published demands (or the enterprises that posted them) an achievement the caller may see could answer. */
export async function matchesForAchievement(
  deps: Deps,
  caller: Caller,
  id: number,
  limit: number,
  target: AchievementTarget = 'demands',
) {
  const query = await achievementQuery(deps, caller, id);
  return { items: run(await indexOf(deps.db, target === 'enterprises' ? 'enterprise' : 'demand'), query, limit) };
}

/** Useful / not useful (with an IN-PART-style reason) on one suggestion; the score shown is kept for tuning. */
export async function giveFeedback(deps: Deps, caller: Caller, body: z.infer<typeof ZMatchFeedbackRequest>) {
  const query =
    body.fromType === 'demand'
      ? await demandQuery(deps, caller, body.fromId)
      : await achievementQuery(deps, caller, body.fromId);
  const index = await indexOf(deps.db, body.fromType === 'demand' ? 'achievement' : 'demand');
  if (!index.docs.has(String(body.toId)))
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.toId', message: '该推荐对象不存在或已下架 / no such suggestion' }],
    });
  if (!body.useful && body.reason === null)
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.reason', message: '请选择不合适的原因 / choose a reason' }],
    });
  const hit = run(index, query, 50).find((h) => h.id === body.toId);
  const now = iso(deps.clock.now());
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('mkt_match_feedback')
      .values({
        from_type: body.fromType,
        from_id: body.fromId,
        to_id: body.toId,
        user_id: caller.principal.userId,
        useful: body.useful ? 1 : 0,
        reason: body.useful ? null : body.reason,
        comment: body.comment,
        score: hit?.score ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.match.feedback',
      targetType: body.fromType === 'demand' ? 'mkt_demand' : 'mkt_achievement',
      targetId: body.fromId,
      divisionCode: query.divisionCode ?? null,
      details: { to: body.toId, useful: body.useful, reason: body.reason },
    });
    return row.id;
  });
  return { id };
}
