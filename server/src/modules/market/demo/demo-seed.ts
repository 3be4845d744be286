/**
 * The market's demo seed (演示数据, called through the manifest after the demo accounts and organisations): 40
 * achievements owned by the demo researcher (researcher-150105) and 30 demands of the counties' demo enterprises
 * (posted by enterprise-150121 in 土默特左旗, recorded by the county officer elsewhere), mostly listed/published, some
 * in review or 公示, with their status events. Deterministic: dates count back from the seed time by index.
 * Idempotent: nothing is written when demo market rows exist.
 */
import type { Deps } from '../../../platform/deps.ts';
import { iso } from '../../../platform/clock.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { indexAchievements } from '../achievements/achievements.search.ts';
import { indexDemands } from '../demands/demands.search.ts';
import type { AchievementStatus, DemandStatus, Visibility } from '../market.tables.ts';
import { insertEvent } from '../shared/events.repository.ts';
import { LISTED_ACHIEVEMENTS, OPEN_DEMANDS } from '../shared/market.facts.ts';
import { DEMO_ACHIEVEMENTS } from './demo-achievements.data.ts';
import { DEMO_DEMANDS } from './demo-demands.data.ts';
import * as repo from './demo.repository.ts';
import { firstDemoOrganisationOf } from '../../organisations/index.ts';
import { accountIdByUsername } from '../../users/index.ts';

const DAY = 86_400_000;
const STAGE_OF_TRL = (trl: number) => (trl >= 8 ? 'mature' : trl >= 5 ? 'middle' : 'early');

/** The path of steps that leads to a demo status. */
const ACHIEVEMENT_PATH: Record<string, string[]> = {
  submitted: ['submit'],
  review: ['submit', 'start'],
  publicity: ['submit', 'start', 'publicise'],
  listed: ['submit', 'start', 'publicise', 'list'],
  negotiating: ['submit', 'start', 'publicise', 'list', 'negotiating'],
  transferred: ['submit', 'start', 'publicise', 'list', 'negotiating', 'transferred'],
};
const DEMAND_PATH: Record<string, string[]> = {
  submitted: ['submit'],
  published: ['submit', 'publish'],
  closed: ['submit', 'publish', 'close'],
};

function achievementStatus(i: number): AchievementStatus {
  if (i === 3) return 'negotiating';
  if (i === 13) return 'transferred';
  return (
    ['listed', 'listed', 'listed', 'listed', 'listed', 'listed', 'listed', 'publicity', 'submitted', 'review'] as const
  )[i % 10]!;
}

function visibility(i: number): Visibility {
  return i % 4 === 0 ? 'nda' : i % 4 === 1 ? 'registered' : 'public';
}

export async function seedMarketDemo(deps: Deps): Promise<{ achievements: number; demands: number }> {
  const db = deps.db;
  if (await repo.hasDemoMarket(db)) return { achievements: 0, demands: 0 };
  const researcher = await accountIdByUsername(db, 'researcher-150105');
  const enterprise = await accountIdByUsername(db, 'enterprise-150121');
  if (researcher === undefined) return { achievements: 0, demands: 0 };
  const now = deps.clock.now().getTime();
  const achievementIds: number[] = [];
  const demandIds: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (const [i, a] of DEMO_ACHIEVEMENTS.entries()) {
      const [domain, title, summary, keywords, stage, trl, division, modes, pricing, price, small] = a;
      const status = achievementStatus(i);
      const created = now - (DEMO_ACHIEVEMENTS.length - i) * 3 * DAY;
      const id = await repo.insertDemoAchievement(trx, {
        registration_no: i % 5 === 0 ? `1500002025${String(10 + i).padStart(2, '0')}` : null,
        title: `${title}（演示）`,
        summary,
        keywords: JSON.stringify(keywords),
        domain,
        type: 'applied',
        attribute: i % 3 === 0 ? 'secondary' : 'original',
        form: title.includes('品种') ? 'variety' : title.includes('工艺') ? 'process' : 'technology',
        stage,
        trl,
        register: JSON.stringify({
          level: stage === 'mature' ? '国内先进' : '',
          researchPeriod: '2021-2025',
          fundingSource: '自治区科技计划（演示）',
          completingUnits: ['内蒙古演示农牧业科学院'],
          contributors: [
            { name: '演示研究员甲', unit: '内蒙古演示农牧业科学院', percent: 60 },
            { name: '演示研究员乙', unit: '内蒙古演示农牧业科学院', percent: 40 },
          ],
          owners: [{ name: '内蒙古演示农牧业科学院', share: 100 }],
          ipItems: title.includes('品种')
            ? [
                {
                  kind: 'plant_variety',
                  number: `CNA2025${String(i).padStart(4, '0')}.1`,
                  title,
                  status: 'granted',
                  expiresOn: '2043-12-31',
                },
              ]
            : [
                {
                  kind: 'invention',
                  number: `ZL2024${String(100000 + i)}.X`,
                  title,
                  status: 'granted',
                  expiresOn: '2044-06-30',
                },
              ],
        }),
        public_summary: JSON.stringify({
          problem: summary.split('，')[0] ?? summary,
          advantage: summary,
          scenarios: `适用于${domain === 'energy' ? '风光资源丰富地区' : '自治区旗县'}的企业和合作社。`,
          economics: price === null ? '面议，可按效益分成。' : `许可费约 ${price} 万元。`,
        }),
        confidential_detail: `演示保密内容：关键工艺参数与配方（第 ${i + 1} 项，演示数据）。`,
        visibility: visibility(i),
        transfer_modes: JSON.stringify(modes),
        pricing_mode: pricing,
        price,
        suitability: JSON.stringify({
          forEntrepreneurs: small,
          cost: small ? (price ?? 10) : null,
          equipment: small ? '常规设备即可' : '',
          training: small ? '3-5 天现场培训' : '',
        }),
        for_entrepreneurs: small ? 1 : 0,
        status,
        status_reason: '',
        publicity_ends_at:
          status === 'publicity'
            ? iso(new Date(now + 5 * DAY))
            : ['listed', 'negotiating', 'transferred'].includes(status)
              ? iso(new Date(created + 9 * DAY))
              : null,
        division_code: division,
        owner_user_id: researcher,
        org_id: null,
        is_demo: 1,
        created_at: iso(new Date(created)),
        updated_at: iso(new Date(created + 10 * DAY)),
      });
      achievementIds.push(id);
      let from = 'draft';
      for (const [k, step] of (ACHIEVEMENT_PATH[status] ?? []).entries()) {
        const to =
          {
            submit: 'submitted',
            start: 'review',
            publicise: 'publicity',
            list: 'listed',
            negotiating: 'negotiating',
            transferred: 'transferred',
          }[step] ?? step;
        await insertEvent(trx, {
          recordType: 'achievement',
          recordId: id,
          action: step,
          fromStatus: from,
          toStatus: to,
          comment: '',
          actorUserId: null,
          at: iso(new Date(created + k * 2 * DAY)),
        });
        from = to;
      }
    }
    for (const [i, d] of DEMO_DEMANDS.entries()) {
      const [domain, title, description, keywords, targetTrl, division, budgetMax, forms, source] = d;
      const status: DemandStatus = i === 5 ? 'closed' : i % 10 === 9 ? 'submitted' : 'published';
      const created = now - (DEMO_DEMANDS.length - i) * 4 * DAY;
      const owner =
        division === '150121' && enterprise !== undefined
          ? enterprise
          : await accountIdByUsername(trx, `county-${division}`);
      const id = await repo.insertDemoDemand(trx, {
        title: `${title}（演示）`,
        description,
        org_id: (await firstDemoOrganisationOf(trx, division, 'enterprise')) ?? null,
        contact: '演示联系人 0471-0000000',
        source,
        source_ref:
          source === 'hotline' ? `12396:演示-${1000 + i}` : source === 'township' ? `乡镇征集表:演示-${i}` : null,
        desired_outcome: `解决“${title}”问题，形成可推广的技术方案。`,
        requirements: `技术成熟度不低于 TRL ${targetTrl ?? 6}，能在本旗县现场实施。`,
        keywords: JSON.stringify(keywords),
        domain,
        target_stage: targetTrl === null ? null : STAGE_OF_TRL(targetTrl),
        target_trl: targetTrl,
        budget_min: budgetMax === null ? null : Math.round(budgetMax / 4),
        budget_max: budgetMax,
        cooperation_forms: JSON.stringify(forms),
        is_open_call: forms.includes('open_call') ? 1 : 0,
        deadline: forms.includes('open_call') ? iso(new Date(now + 60 * DAY)).slice(0, 10) : null,
        status,
        status_reason: '',
        division_code: division,
        owner_user_id: owner ?? null,
        is_demo: 1,
        created_at: iso(new Date(created)),
        updated_at: iso(new Date(created + 3 * DAY)),
      });
      demandIds.push(id);
      let from = 'draft';
      for (const [k, step] of (DEMAND_PATH[status] ?? []).entries()) {
        const to = { submit: 'submitted', publish: 'published', close: 'closed' }[step] ?? step;
        await insertEvent(trx, {
          recordType: 'demand',
          recordId: id,
          action: step,
          fromStatus: from,
          toStatus: to,
          comment: '',
          actorUserId: null,
          at: iso(new Date(created + k * DAY)),
        });
        from = to;
      }
    }
    await indexAchievements(trx, achievementIds);
    await indexDemands(trx, demandIds);
  });
  invalidateFact(LISTED_ACHIEVEMENTS);
  invalidateFact(OPEN_DEMANDS);
  return { achievements: achievementIds.length, demands: demandIds.length };
}
