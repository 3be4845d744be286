/** The accounts spreadsheet: import columns (template + validation) and export columns (personal data masked). */
import { z } from 'zod';
import { ZDivisionCode } from '../../../../contracts/common.ts';
import { ZCreateUserRequest, ZIdNumber, ZPhone, ZUsername } from '../../../../contracts/users.ts';
import { ROLE_NAMES, isRoleCode } from '../../../../contracts/access.ts';
import type { ExportColumn } from '../../platform/spreadsheets/export.ts';
import { defineSheet } from '../../platform/spreadsheets/sheet.ts';
import type { User } from '../../../../contracts/users.ts';

/** A sheet row carries its initial password (the holder replaces it at first sign-in). */
export const ZUserImportRow = ZCreateUserRequest.omit({ orgId: true }).extend({
  password: z.string().min(10).max(200),
});
export type UserImportRow = z.infer<typeof ZUserImportRow>;

export const userSheet = defineSheet<UserImportRow>({
  key: 'users',
  title: '账户',
  columns: [
    {
      key: 'username',
      header: '用户名',
      headerEn: 'Username',
      example: 'zhang.san',
      note: '3-64 位小写字母、数字、点、下划线或连字符；不能与已有账户重复。',
      schema: ZUsername,
      type: 'text',
      required: true,
    },
    {
      key: 'displayName',
      header: '姓名',
      headerEn: 'Name',
      example: '张三',
      note: '1-100 个字符。',
      schema: z.string().trim().min(1).max(100),
      type: 'text',
      required: true,
    },
    {
      key: 'password',
      header: '初始密码',
      headerEn: 'Initial password',
      example: 'Qixian#Init2026',
      note: '至少 10 位，含大小写字母、数字和符号中的三类（等保口令策略）；请通知本人首次登录后修改。',
      schema: z.string().min(10).max(200),
      type: 'text',
      required: true,
    },
    {
      key: 'divisionCode',
      header: '行政区划代码',
      headerEn: 'Division code',
      example: '150102',
      note: '6 位行政区划代码（GB/T 2260），须在您的管辖范围内。',
      schema: ZDivisionCode,
      type: 'text',
      required: true,
    },
    {
      key: 'phone',
      header: '手机号码',
      headerEn: 'Mobile',
      example: '13800000000',
      note: '选填；11 位手机号码，不能与已有账户重复。加密保存。',
      schema: ZPhone.optional(),
      type: 'text',
    },
    {
      key: 'idNumber',
      header: '身份证号码',
      headerEn: 'ID number',
      example: '11010519491231002X',
      note: '选填；18 位公民身份号码（GB 11643 校验）。加密保存。',
      schema: ZIdNumber.optional(),
      type: 'text',
    },
  ],
  row: ZUserImportRow,
  // Every row costs an argon2id hash at commit: keep one import to a size that commits in a request.
  maxRows: 1000,
});

const STATUS_LABELS: Record<User['status'], string> = {
  pending: '待审核',
  active: '正常',
  disabled: '已停用',
  rejected: '已驳回',
};

/** Columns of the accounts export; rows are presented users, so phone and ID number are already masked. */
export const userExportColumns: ExportColumn<User>[] = [
  { header: '编号', width: 10, value: (u) => u.id },
  { header: '用户名', width: 20, value: (u) => u.username },
  { header: '姓名', value: (u) => u.displayName },
  { header: '行政区划代码', value: (u) => u.divisionCode },
  { header: '行政区划', value: (u) => u.divisionName },
  { header: '状态', width: 10, value: (u) => STATUS_LABELS[u.status] },
  { header: '手机号码（脱敏）', value: (u) => u.phone },
  { header: '身份证号码（脱敏）', width: 22, value: (u) => u.idNumber },
  {
    header: '角色',
    width: 30,
    value: (u) =>
      u.roles.map((r) => `${isRoleCode(r.role) ? ROLE_NAMES[r.role].zh : r.role}@${r.divisionCode}`).join('；'),
  },
  { header: '创建时间', width: 24, value: (u) => u.createdAt },
];
