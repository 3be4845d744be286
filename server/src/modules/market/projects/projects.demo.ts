/**
 * Demo transfer projects (演示数据): 12 projects of the region's real industries followed by four demo transfer
 * service centres (named after the region's technology-contract registration agencies, marked （演示）), with
 * milestones per stage, investment, output value and jobs. Deterministic and idempotent. The centres are registered
 * through the organisations front door.
 */
import { PROJECT_STAGES, type ProjectStage } from '../../../../../contracts/market-contracts.ts';
import { iso } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { approve, createPending, organisationIdByUscc } from '../../organisations/index.ts';
import { demoCreditCode } from '../contracts/demo-parties.ts';
import { invalidateProjectFacts } from './projects.facts.ts';
import { insertMilestone, insertProject, insertStageEvent } from './projects.repository.ts';

const CENTRES = {
  region: { name: '内蒙古自治区科技成果转化中心（演示）', divisionCode: '150000' },
  hohhot: { name: '呼和浩特市科技成果转化中心（演示）', divisionCode: '150100' },
  baotou: { name: '包头市科技创新服务中心（演示）', divisionCode: '150200' },
  ordos: { name: '鄂尔多斯市科技事业服务中心（演示）', divisionCode: '150600' },
} as const;
type CentreKey = keyof typeof CENTRES;

interface DemoProject {
  centre: CentreKey;
  title: string;
  achievement: string;
  industry: string;
  county: string;
  stage: ProjectStage;
  startYear: number;
  /** 万元 */
  investment: number;
  outputValue: number;
  jobs: number;
}

const PROJECTS: readonly DemoProject[] = [
  {
    centre: 'region',
    title: '马铃薯脱毒种薯雾培快繁产业化',
    achievement: '马铃薯脱毒种薯雾培快繁技术',
    industry: '马铃薯种业',
    county: '150929',
    stage: 'industrial',
    startYear: 2021,
    investment: 2600,
    outputValue: 8400,
    jobs: 120,
  },
  {
    centre: 'hohhot',
    title: '益生乳酸菌发酵乳中试',
    achievement: '高活性乳酸菌发酵剂制备技术',
    industry: '乳业',
    county: '150123',
    stage: 'pilot',
    startYear: 2023,
    investment: 850,
    outputValue: 0,
    jobs: 18,
  },
  {
    centre: 'ordos',
    title: '阿尔巴斯绒山羊高效繁育推广',
    achievement: '绒山羊胚胎移植与高效繁育技术',
    industry: '绒山羊',
    county: '150624',
    stage: 'industrial',
    startYear: 2021,
    investment: 1300,
    outputValue: 5200,
    jobs: 210,
  },
  {
    centre: 'region',
    title: '肉牛高效育肥与秸秆饲料化小试',
    achievement: '肉牛全混合日粮与秸秆微贮技术',
    industry: '肉牛',
    county: '150502',
    stage: 'small_trial',
    startYear: 2024,
    investment: 320,
    outputValue: 0,
    jobs: 9,
  },
  {
    centre: 'region',
    title: '退化草原免耕补播修复中试',
    achievement: '退化草原免耕补播与乡土草种配置技术',
    industry: '草原生态修复',
    county: '152502',
    stage: 'pilot',
    startYear: 2022,
    investment: 680,
    outputValue: 150,
    jobs: 35,
  },
  {
    centre: 'ordos',
    title: '库布其光伏治沙一体化',
    achievement: '沙化土地光伏板下植被恢复技术',
    industry: '沙产业与治沙',
    county: '150625',
    stage: 'industrial',
    startYear: 2021,
    investment: 5200,
    outputValue: 9800,
    jobs: 260,
  },
  {
    centre: 'baotou',
    title: '高性能稀土永磁晶界扩散中试线',
    achievement: '钕铁硼磁体晶界扩散重稀土减量技术',
    industry: '稀土新材料',
    county: '150203',
    stage: 'pilot',
    startYear: 2023,
    investment: 3100,
    outputValue: 900,
    jobs: 46,
  },
  {
    centre: 'baotou',
    title: '稀土抛光粉废料再生',
    achievement: '废稀土抛光粉酸浸回收技术',
    industry: '稀土新材料',
    county: '150207',
    stage: 'rd',
    startYear: 2025,
    investment: 180,
    outputValue: 0,
    jobs: 6,
  },
  {
    centre: 'baotou',
    title: '风光储一体化牧区微电网',
    achievement: '风光储微电网协调控制技术',
    industry: '风电光伏',
    county: '150223',
    stage: 'small_trial',
    startYear: 2024,
    investment: 560,
    outputValue: 0,
    jobs: 12,
  },
  {
    centre: 'region',
    title: '蒙药复方制剂质量提升中试',
    achievement: '蒙药复方制剂指纹图谱质量控制技术',
    industry: '蒙医药',
    county: '150521',
    stage: 'pilot',
    startYear: 2023,
    investment: 740,
    outputValue: 260,
    jobs: 22,
  },
  {
    centre: 'ordos',
    title: '煤化工高盐废水近零排放中试',
    achievement: '煤化工高盐废水分盐结晶技术',
    industry: '现代煤化工',
    county: '150622',
    stage: 'pilot',
    startYear: 2022,
    investment: 4300,
    outputValue: 1200,
    jobs: 58,
  },
  {
    centre: 'hohhot',
    title: '马铃薯全粉加工工艺研发',
    achievement: '马铃薯全粉低损加工技术',
    industry: '马铃薯加工',
    county: '150125',
    stage: 'rd',
    startYear: 2025,
    investment: 150,
    outputValue: 0,
    jobs: 5,
  },
];

const MILESTONE_TITLES: Record<ProjectStage, string> = {
  rd: '完成实验室工艺验证',
  small_trial: '完成小试并形成工艺包',
  pilot: '中试线稳定运行并通过第三方检测',
  industrial: '首条生产线投产',
};

/** The demo centres' organisation ids, registering any that is missing (idempotent by credit code). */
async function centreIds(deps: Deps): Promise<Map<CentreKey, { id: number; name: string }>> {
  const out = new Map<CentreKey, { id: number; name: string }>();
  const actor = { userId: null, username: 'seed', ip: null };
  for (const [key, c] of Object.entries(CENTRES) as [CentreKey, (typeof CENTRES)[CentreKey]][]) {
    const uscc = demoCreditCode('12', c.divisionCode, c.name);
    let id = await organisationIdByUscc(deps.db, uscc);
    if (id === undefined)
      id = await deps.db.transaction().execute(async (trx) => {
        const created = await createPending(trx, deps, actor, {
          name: c.name,
          type: 'institution',
          uscc,
          divisionCode: c.divisionCode,
        });
        await approve(trx, deps, actor, created);
        return created;
      });
    out.set(key, { id, name: c.name });
  }
  return out;
}

/** Writes the demo projects once (skipped when any demo project exists). Returns how many were written. */
export async function seedTransferProjectsDemo(deps: Deps): Promise<number> {
  const db = deps.db;
  const already = await db
    .selectFrom('mkt_transfer_project')
    .select('id')
    .where('is_demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  if (already) return 0;
  const centres = await centreIds(deps);
  const now = iso(deps.clock.now());
  await db.transaction().execute(async (trx) => {
    for (const [i, p] of PROJECTS.entries()) {
      const centre = centres.get(p.centre)!;
      const startedOn = `${p.startYear}-${String(3 + (i % 6)).padStart(2, '0')}-15`;
      const id = await insertProject(trx, {
        centre_org_id: centre.id,
        centre_name: centre.name,
        achievement_id: null,
        achievement_title: `${p.achievement}（演示数据）`,
        title: `${p.title}（演示数据）`,
        industry: p.industry,
        division_code: p.county,
        stage: p.stage,
        started_on: startedOn,
        investment: p.investment,
        output_value: p.outputValue,
        jobs: p.jobs,
        note: '演示数据',
        is_demo: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      // One milestone per stage up to the current one (done) and the next (planned); one stage event per step.
      const reached = PROJECT_STAGES.indexOf(p.stage);
      let previous: ProjectStage | null = null;
      for (const [k, stage] of PROJECT_STAGES.entries()) {
        if (k > reached + 1) break;
        const planned = `${p.startYear + k}-${String(6 + (i % 5)).padStart(2, '0')}-30`;
        const done = k < reached ? `${p.startYear + k}-${String(7 + (i % 5)).padStart(2, '0')}-10` : null;
        await insertMilestone(trx, {
          project_id: id,
          stage,
          title: MILESTONE_TITLES[stage],
          planned_on: planned,
          done_on: done,
          evidence: done ? '检测报告、验收意见已归档（演示数据）' : '',
          created_at: now,
          updated_at: now,
        });
        if (k <= reached) {
          await insertStageEvent(trx, {
            project_id: id,
            from_stage: previous,
            to_stage: stage,
            note: '演示数据',
            actor_id: null,
            at: now,
          });
          previous = stage;
        }
      }
    }
  });
  invalidateProjectFacts();
  return PROJECTS.length;
}
