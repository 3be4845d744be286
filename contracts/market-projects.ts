/**
 * 转化项目 (transfer projects followed by a transfer service centre, 研发 -> 小试 -> 中试 -> 产业化): request and response
 * shapes shared by server/src/modules/market/projects and the web app. Amounts in 万元. Re-exported by
 * contracts/market-contracts.ts.
 */
import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';

/** Amounts in 万元: non-negative, at most 6 decimals (0.01 yuan), below 1,000 亿. */
export const ZWan = z
  .number({ message: '金额须为数字（万元） / amount must be a number (10k yuan)' })
  .min(0, { message: '金额不能为负 / amount must not be negative' })
  .max(10_000_000, { message: '金额过大（上限 1000 亿元） / amount too large' })
  .refine((v) => Math.abs(v * 1e6 - Math.round(v * 1e6)) < 1e-3, {
    message: '金额最多保留 6 位小数（万元） / at most 6 decimals',
  });

export const ZIsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: '日期无效 / invalid date',
    },
  );

/** 转化项目 stages, followed by a transfer service centre: 研发 -> 小试 -> 中试 -> 产业化. */
export const PROJECT_STAGES = ['rd', 'small_trial', 'pilot', 'industrial'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_NAMES: Record<ProjectStage, string> = {
  rd: '研发',
  small_trial: '小试',
  pilot: '中试',
  industrial: '产业化',
};

const projectFields = {
  centreOrgId: z.number().int().positive(),
  achievementId: z.number().int().positive().nullable().optional(),
  /** The achievement's title as selected (kept when the achievement itself is not readable). */
  achievementTitle: z.string().trim().min(2).max(300),
  title: z.string().trim().min(2).max(300),
  industry: z.string().trim().min(2).max(100),
  /** The county (旗县) where the project is carried out. */
  divisionCode: ZDivisionCode,
  startedOn: ZIsoDate,
  investment: ZWan.default(0),
  outputValue: ZWan.default(0),
  jobs: z.number().int().min(0).max(1_000_000).default(0),
  note: z.string().trim().max(2000).default(''),
};

export const ZCreateProjectRequest = z
  .object({ ...projectFields, stage: z.enum(PROJECT_STAGES).default('rd') })
  .strict();
export type CreateProjectRequest = z.infer<typeof ZCreateProjectRequest>;

export const ZUpdateProjectRequest = z
  .object({
    title: projectFields.title,
    industry: projectFields.industry,
    investment: ZWan,
    outputValue: ZWan,
    jobs: z.number().int().min(0).max(1_000_000),
    note: z.string().trim().max(2000),
  })
  .partial()
  .strict();

export const ZStageChangeRequest = z
  .object({
    stage: z.enum(PROJECT_STAGES),
    /** Why; required when going back a stage. */
    note: z.string().trim().max(1000).default(''),
  })
  .strict();

export const ZMilestoneRequest = z
  .object({
    stage: z.enum(PROJECT_STAGES),
    title: z.string().trim().min(2).max(200),
    plannedOn: ZIsoDate,
    doneOn: ZIsoDate.nullable().optional(),
    evidence: z.string().trim().max(2000).default(''),
  })
  .strict();

export const ZUpdateMilestoneRequest = z
  .object({
    title: z.string().trim().min(2).max(200),
    plannedOn: ZIsoDate,
    doneOn: ZIsoDate.nullable(),
    evidence: z.string().trim().max(2000),
  })
  .partial()
  .strict();

export const ZMilestone = z.object({
  id: z.number().int(),
  stage: z.enum(PROJECT_STAGES),
  stageName: z.string(),
  title: z.string(),
  plannedOn: z.string(),
  doneOn: z.string().nullable(),
  evidence: z.string(),
  isLate: z.boolean(),
});

export const ZStageEvent = z.object({
  fromStage: z.enum(PROJECT_STAGES).nullable(),
  toStage: z.enum(PROJECT_STAGES),
  note: z.string(),
  at: z.string(),
});

export const ZProjectSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  centreOrgId: z.number().int(),
  centreName: z.string(),
  achievementId: z.number().int().nullable(),
  achievementTitle: z.string(),
  industry: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  stage: z.enum(PROJECT_STAGES),
  stageName: z.string(),
  startedOn: z.string(),
  investment: z.number(),
  outputValue: z.number(),
  jobs: z.number().int(),
  milestonesDone: z.number().int(),
  milestonesTotal: z.number().int(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export const ZProject = ZProjectSummary.extend({
  note: z.string(),
  milestones: z.array(ZMilestone),
  history: z.array(ZStageEvent),
});
export type Project = z.infer<typeof ZProject>;
export const ZProjectPage = zPage(ZProjectSummary);

export const ZListProjectsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  division: ZDivisionCode.optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  centre: z.coerce.number().int().positive().optional(),
});

export const ZMilestoneParams = z.object({
  id: z.coerce.number().int().positive(),
  milestoneId: z.coerce.number().int().positive(),
});

/** A centre's board: its projects in the caller's scope, grouped by stage. */
export const ZProjectBoard = z.object({
  centre: z.object({ id: z.number().int(), name: z.string() }),
  columns: z.array(
    z.object({
      stage: z.enum(PROJECT_STAGES),
      stageName: z.string(),
      count: z.number().int(),
      investment: z.number(),
      outputValue: z.number(),
      jobs: z.number().int(),
      projects: z.array(ZProjectSummary),
    }),
  ),
});
