/** The organisations spreadsheet: import columns (template + validation) and export columns. */
import { z } from 'zod';
import { ZDivisionCode } from '../../../../contracts/common.ts';
import { ORGANISATION_TYPES, ZCreateOrganisationRequest, ZUscc } from '../../../../contracts/organisations.ts';
import type { ExportColumn } from '../../platform/spreadsheets/export.ts';
import { defineSheet } from '../../platform/spreadsheets/sheet.ts';
import type { OrganisationStatus, OrganisationType } from './organisations.tables.ts';

export const TYPE_LABELS: Record<OrganisationType, string> = {
  government: '政府部门',
  responsibility_unit: '责任单位',
  enterprise: '企业',
  institution: '事业单位',
  social: '社会组织',
};
const STATUS_LABELS: Record<OrganisationStatus, string> = {
  pending: '待审核',
  active: '正常',
  rejected: '已驳回',
  disabled: '已停用',
};
const LABEL_TO_TYPE = new Map<string, OrganisationType>(
  ORGANISATION_TYPES.flatMap((t) => [
    [TYPE_LABELS[t], t],
    [t, t],
  ]),
);

export const ZOrganisationImportRow = ZCreateOrganisationRequest;
export type OrganisationImportRow = z.infer<typeof ZOrganisationImportRow>;

export const organisationSheet = defineSheet<OrganisationImportRow>({
  key: 'organisations',
  title: '单位',
  columns: [
    {
      key: 'name',
      header: '单位名称',
      headerEn: 'Name',
      example: '示例科技有限公司',
      note: '2-200 个字符。',
      schema: z.string().trim().min(2).max(200),
      type: 'text',
      required: true,
    },
    {
      key: 'type',
      header: '单位类型',
      headerEn: 'Type',
      example: '企业',
      note: `从下拉列表选择：${ORGANISATION_TYPES.map((t) => TYPE_LABELS[t]).join('、')}。`,
      schema: z
        .string()
        .trim()
        .refine((v) => LABEL_TO_TYPE.has(v), {
          message: `单位类型须为：${ORGANISATION_TYPES.map((t) => TYPE_LABELS[t]).join('、')} / unknown organisation type`,
        })
        .transform((v) => LABEL_TO_TYPE.get(v)),
      type: 'text',
      required: true,
      options: ORGANISATION_TYPES.map((t) => TYPE_LABELS[t]),
    },
    {
      key: 'uscc',
      header: '统一社会信用代码',
      headerEn: 'Credit code',
      example: '91150100MA0N000000',
      note: '18 位（GB 32100，末位为校验码）；企业和事业单位必填。',
      schema: ZUscc.optional(),
      type: 'text',
    },
    {
      key: 'divisionCode',
      header: '行政区划代码',
      headerEn: 'Division code',
      example: '150102',
      note: '6 位旗县级行政区划代码（GB/T 2260），须在您的管辖范围内。',
      schema: ZDivisionCode,
      type: 'text',
      required: true,
    },
  ],
  row: ZOrganisationImportRow,
  maxRows: 100_000,
});

export interface OrganisationExportRow {
  id: number;
  name: string;
  type: OrganisationType;
  uscc: string | null;
  division_code: string;
  division_name: string;
  status: OrganisationStatus;
  created_at: string;
}

export const organisationExportColumns: ExportColumn<OrganisationExportRow>[] = [
  { header: '编号', width: 10, value: (r) => r.id },
  { header: '单位名称', width: 36, value: (r) => r.name },
  { header: '单位类型', value: (r) => TYPE_LABELS[r.type] },
  { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
  { header: '行政区划代码', value: (r) => r.division_code },
  { header: '行政区划', value: (r) => r.division_name },
  { header: '状态', width: 10, value: (r) => STATUS_LABELS[r.status] },
  { header: '登记时间', width: 24, value: (r) => r.created_at },
];
