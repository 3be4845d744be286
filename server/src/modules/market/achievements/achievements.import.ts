/**
 * 成果批量导入 (xlsx/CSV through the platform's import kinds: /api/imports/market-achievements, template, row report,
 * all-or-nothing commit). Rows become drafts owned by the importer, to be submitted for review one by one; duplicate
 * 登记号 (in the file or already registered) are row errors. The confidential detail column is never echoed in errors.
 */
import { z } from 'zod';
import { ZDivisionCode } from '../../../../../contracts/common.ts';
import { DOMAINS, STAGES, TRANSFER_MODES, ZCreateAchievementRequest } from '../../../../../contracts/market.ts';
import type { CreateAchievementRequest } from '../../../../../contracts/market.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { ImportKind } from '../../../platform/spreadsheets/import-kind.ts';
import { defineSheet, type RowError } from '../../../platform/spreadsheets/sheet.ts';
import { insertEvent } from '../shared/events.repository.ts';
import { insertAchievement } from './achievements.repository.ts';
import { columns } from './achievements.service.ts';

const byLabel = <T extends string>(labels: Record<T, string>) =>
  new Map<string, T>(
    Object.entries<string>(labels).flatMap(([code, zh]) => [
      [zh, code as T],
      [code, code as T],
    ]),
  );
const DOMAIN_BY_LABEL = byLabel(DOMAINS);
const STAGE_BY_LABEL = byLabel(STAGES);
const MODE_BY_LABEL = byLabel(TRANSFER_MODES);
const list = (v: string) =>
  v
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const achievementSheet = defineSheet<CreateAchievementRequest>({
  key: 'market-achievements',
  title: '科技成果',
  columns: [
    {
      key: 'title',
      header: '成果名称',
      headerEn: 'Title',
      example: '马铃薯脱毒种薯雾培快繁技术',
      note: '2-200 个字符。',
      schema: z.string().trim().min(2).max(200),
      type: 'text',
      required: true,
    },
    {
      key: 'summary',
      header: '成果简介',
      headerEn: 'Summary',
      example: '茎尖脱毒结合雾培快繁……',
      note: '公开内容，最多 4000 字。',
      schema: z.string().trim().min(1).max(4000),
      type: 'text',
      required: true,
    },
    {
      key: 'divisionCode',
      header: '行政区划代码',
      headerEn: 'Division code',
      example: '150105',
      note: '6 位旗县级代码，须在您的范围内。',
      schema: ZDivisionCode,
      type: 'text',
      required: true,
    },
    {
      key: 'registrationNo',
      header: '登记号',
      headerEn: 'Registration no.',
      example: '150000202501',
      note: '科技成果登记号，12 位数字，可空。',
      schema: z
        .string()
        .trim()
        .regex(/^\d{12}$/, { message: '登记号应为 12 位数字 / 12 digits' })
        .optional(),
      type: 'text',
    },
    {
      key: 'keywords',
      header: '关键词',
      headerEn: 'Keywords',
      example: '马铃薯、脱毒种薯',
      note: '最多 3 个，用顿号分隔。',
      schema: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? list(v) : undefined)),
      type: 'text',
    },
    {
      key: 'domain',
      header: '技术领域',
      headerEn: 'Field',
      example: '种业',
      note: `从下拉列表选择：${Object.values(DOMAINS).join('、')}。`,
      schema: z
        .string()
        .trim()
        .optional()
        .refine((v) => !v || DOMAIN_BY_LABEL.has(v), { message: '未知的技术领域 / unknown field' })
        .transform((v) => (v ? DOMAIN_BY_LABEL.get(v) : undefined)),
      type: 'text',
      options: Object.values(DOMAINS),
    },
    {
      key: 'stage',
      header: '成熟度',
      headerEn: 'Stage',
      example: '成熟',
      note: '初期、中期或成熟。',
      schema: z
        .string()
        .trim()
        .optional()
        .refine((v) => !v || STAGE_BY_LABEL.has(v), { message: '成熟度须为初期、中期或成熟 / unknown stage' })
        .transform((v) => (v ? STAGE_BY_LABEL.get(v) : undefined)),
      type: 'text',
      options: Object.values(STAGES),
    },
    {
      key: 'trl',
      header: '技术就绪度',
      headerEn: 'TRL',
      example: 8,
      note: '1-9 的整数，可空。',
      schema: z.coerce.number().int().min(1).max(9).optional(),
      type: 'number',
    },
    {
      key: 'transferModes',
      header: '转化方式',
      headerEn: 'Transfer modes',
      example: '普通许可、技术服务',
      note: `可多选，用顿号分隔：${Object.values(TRANSFER_MODES).join('、')}。`,
      schema: z
        .string()
        .trim()
        .optional()
        .refine((v) => !v || list(v).every((m) => MODE_BY_LABEL.has(m)), {
          message: '未知的转化方式 / unknown transfer mode',
        })
        .transform((v) => (v ? list(v).map((m) => MODE_BY_LABEL.get(m)!) : undefined)),
      type: 'text',
    },
    {
      key: 'price',
      header: '挂牌价（万元）',
      headerEn: 'Listed price (10k CNY)',
      example: 60,
      note: '填写则按挂牌价；空为面议。',
      schema: z.coerce.number().min(0).max(1e7).optional(),
      type: 'number',
    },
    {
      key: 'confidentialDetail',
      header: '保密内容',
      headerEn: 'Confidential detail',
      example: '',
      note: '仅对您和获准的保密申请人可见。',
      schema: optionalText(20000),
      type: 'text',
    },
  ],
  // 挂牌价 when a price is given, 面议 otherwise; then the same checks as the create route.
  row: z.preprocess(
    (r) => ({ ...(r as object), pricingMode: (r as { price?: number }).price === undefined ? 'negotiable' : 'listed' }),
    ZCreateAchievementRequest,
  ),
  maxRows: 5_000,
});

export const achievementImport: ImportKind<CreateAchievementRequest> = {
  kind: 'market-achievements',
  permission: 'market:post_achievement',
  sheet: achievementSheet,
  templateName: '科技成果导入模板.xlsx',
  templateAsciiName: 'market-achievements-template.xlsx',
  divisionOf: (row) => row.divisionCode,
  async check(db, rows) {
    const errors: RowError[] = [];
    const first = new Map<string, number>();
    for (const r of rows) {
      const no = r.value.registrationNo;
      if (!no) continue;
      const seen = first.get(no);
      if (seen !== undefined)
        errors.push({
          row: r.row,
          column: '登记号',
          message: `登记号与第 ${seen} 行重复`,
          messageEn: `Repeats row ${seen}`,
        });
      else first.set(no, r.row);
    }
    if (first.size > 0) {
      const existing = await db
        .selectFrom('mkt_achievement')
        .select('registration_no')
        .where('registration_no', 'in', [...first.keys()])
        .execute();
      for (const e of existing)
        errors.push({
          row: first.get(e.registration_no ?? '') ?? 0,
          column: '登记号',
          message: '该登记号已登记',
          messageEn: 'Already registered',
        });
    }
    return errors;
  },
  commit(deps, caller, rows, finish) {
    const now = iso(deps.clock.now());
    return deps.db.transaction().execute(async (trx) => {
      await finish(trx);
      for (const { value } of rows) {
        const id = await insertAchievement(trx, {
          ...columns(value),
          status: 'draft',
          status_reason: '',
          publicity_ends_at: null,
          division_code: value.divisionCode,
          owner_user_id: caller.principal.userId,
          org_id: caller.principal.orgId,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        });
        await insertEvent(trx, {
          recordType: 'achievement',
          recordId: id,
          action: 'import',
          fromStatus: null,
          toStatus: 'draft',
          comment: '',
          actorUserId: caller.principal.userId,
          at: now,
        });
        await writeAudit(trx, deps.audit, caller.actor, {
          action: 'market.achievement.create',
          targetType: 'mkt_achievement',
          targetId: id,
          divisionCode: value.divisionCode,
          details: { title: value.title, status: 'draft', via: 'import' },
        });
      }
      return rows.length;
    });
  },
};
