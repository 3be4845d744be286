import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';

export const ZAuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /**
   * The target as people read it (null without a target): its kind's name and, while the record exists, its name
   * (账户 张三（zhangsan）, 填报表 新城区 2024年度 …), looked up when the log is listed; targetType/targetId stay raw.
   */
  target: z.object({ kindZh: z.string(), kindEn: z.string(), name: z.string().nullable() }).nullable(),
  divisionCode: z.string().nullable(),
  result: z.string(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const ZAuditPage = zPage(ZAuditRow);
export const ZListAuditQuery = ZPageQuery.extend({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  division: ZDivisionCode.optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
});
/** GET /api/audit/export.xlsx|.csv: the list's filters without paging. */
export const ZAuditExportQuery = ZListAuditQuery.omit({ page: true, pageSize: true });

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), kind: z.string(), message: z.string() })),
});

/** GET /api/audit/action-names: every audit action the modules declare, with its name (the audit page's labels). */
export const ZAuditActionNames = z.object({
  items: z.array(z.object({ action: z.string(), zh: z.string(), en: z.string() })),
});
export type AuditActionNames = z.infer<typeof ZAuditActionNames>;
