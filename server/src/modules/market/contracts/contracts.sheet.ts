/**
 * The technology-contract spreadsheet: import columns (the registration agencies' export, with Chinese or English
 * headers; labels or codes accepted) and export columns. Import rows become create requests and pass the same rules.
 */
import { z } from 'zod';
import { ZDivisionCode } from '../../../../../contracts/common.ts';
import {
  CONTRACT_TYPES,
  CONTRACT_TYPE_NAMES,
  REGISTRATION_AGENCIES,
  TAX_REVIEW_NAMES,
  TAX_REVIEW_STATES,
  TECH_FIELDS,
  TECH_FIELD_NAMES,
  ZCreateContractRequest,
  ZIsoDate,
  ZRegistrationNo,
  ZWan,
  type Contract,
  type CreateContractRequest,
} from '../../../../../contracts/market-contracts.ts';
import { ZUscc } from '../../../../../contracts/organisations.ts';
import type { ExportColumn } from '../../../platform/spreadsheets/export.ts';
import { defineSheet, type ColumnSpec } from '../../../platform/spreadsheets/sheet.ts';

/** A code list column: accepts the Chinese label or the code. */
function codeList<T extends string>(codes: readonly T[], label: (c: T) => string, what: string) {
  const byText = new Map<string, T>(codes.flatMap((c) => [[label(c), c] as const, [c, c] as const]));
  return z
    .string()
    .trim()
    .refine((v) => byText.has(v), { message: `${what}须为：${codes.map(label).join('、')} / unknown ${what}` })
    .transform((v) => byText.get(v) as T);
}

/** 2024-03-05, 2024/3/5, 2024.3.5 and 2024年3月5日 -> 2024-03-05. */
const ZSheetDate = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
}, ZIsoDate);

const AGENCY_LABEL = (code: string) => REGISTRATION_AGENCIES.find((a) => a.code === code)?.name ?? code;

const col = (
  key: string,
  header: string,
  headerEn: string,
  example: string | number,
  note: string,
  schema: z.ZodType,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, header, headerEn, example, note, schema, type: 'text', required: true, ...extra });

const COLUMNS: ColumnSpec[] = [
  col(
    'registrationNo',
    '登记号',
    'Registration no.',
    '2025150100000123',
    '技术合同登记号，6-40 位；已登记的登记号不能重复导入。',
    ZRegistrationNo,
  ),
  col(
    'agencyCode',
    '登记机构',
    'Agency',
    AGENCY_LABEL('NM-HOHHOT'),
    '填写登记机构名称或代码。',
    codeList(
      REGISTRATION_AGENCIES.map((a) => a.code),
      AGENCY_LABEL,
      '登记机构',
    ),
    {
      options: REGISTRATION_AGENCIES.map((a) => a.name),
    },
  ),
  col(
    'title',
    '合同名称',
    'Title',
    '马铃薯脱毒种薯快繁技术开发合同',
    '2-300 个字符。',
    z.string().trim().min(2).max(300),
  ),
  col(
    'type',
    '合同类型',
    'Type',
    '技术开发',
    '技术开发、技术转让、技术许可、技术咨询或技术服务。',
    codeList(CONTRACT_TYPES, (c) => CONTRACT_TYPE_NAMES[c], '合同类型'),
    {
      options: CONTRACT_TYPES.map((c) => CONTRACT_TYPE_NAMES[c]),
    },
  ),
  col(
    'field',
    '技术领域',
    'Field',
    '农业',
    '技术合同统计的 11 个技术领域之一。',
    codeList(TECH_FIELDS, (c) => TECH_FIELD_NAMES[c], '技术领域'),
    {
      options: TECH_FIELDS.map((c) => TECH_FIELD_NAMES[c]),
    },
  ),
  col(
    'sellerName',
    '卖方名称',
    'Seller',
    '内蒙古示例种业有限公司',
    '卖方（受托方、让与方、许可方）全称。',
    z.string().trim().min(2).max(200),
  ),
  col(
    'sellerUscc',
    '卖方统一社会信用代码',
    'Seller credit code',
    '91150100MA0N000000',
    '18 位，GB 32100 校验。',
    ZUscc,
  ),
  col(
    'sellerDivision',
    '卖方所在旗县代码',
    'Seller county',
    '150105',
    '6 位旗县级行政区划代码（区外卖方填其所在区县代码）。',
    ZDivisionCode,
  ),
  col(
    'buyerName',
    '买方名称',
    'Buyer',
    '四子王旗示例马铃薯专业合作社',
    '买方（委托方、受让方、被许可方）全称。',
    z.string().trim().min(2).max(200),
  ),
  col('buyerUscc', '买方统一社会信用代码', 'Buyer credit code', '93150929MA0N000000', '18 位，GB 32100 校验。', ZUscc),
  col('buyerDivision', '买方所在旗县代码', 'Buyer county', '150929', '6 位旗县级行政区划代码。', ZDivisionCode),
  col('contractValue', '合同成交额（万元）', 'Contract value (10k yuan)', 120, '万元，最多 6 位小数。', ZWan, {
    type: 'number',
  }),
  col('turnover', '技术交易额（万元）', 'Turnover (10k yuan)', 96, '认定的技术交易额，万元，不大于合同成交额。', ZWan, {
    type: 'number',
  }),
  col('signedOn', '签订日期', 'Signed on', '2025-03-01', 'YYYY-MM-DD。', ZSheetDate, { type: 'date' }),
  col(
    'appliedOn',
    '受理日期',
    'Applied on',
    '2025-03-10',
    '可空；登记期限自受理日起算，空则自签订日起算。',
    ZSheetDate.optional(),
    {
      type: 'date',
      required: false,
    },
  ),
  col('registeredOn', '登记日期', 'Registered on', '2025-03-20', 'YYYY-MM-DD，不早于签订日期。', ZSheetDate, {
    type: 'date',
  }),
  col(
    'taxReview',
    '免税复核',
    'Tax review',
    '未申请',
    '未申请、待复核、复核通过或复核未通过；可空。',
    codeList(TAX_REVIEW_STATES, (c) => TAX_REVIEW_NAMES[c], '免税复核').optional(),
    {
      required: false,
      options: TAX_REVIEW_STATES.map((c) => TAX_REVIEW_NAMES[c]),
    },
  ),
  col('note', '备注', 'Note', '', '可空。', z.string().trim().max(2000).optional(), { required: false }),
];

interface FlatRow {
  registrationNo: string;
  agencyCode: CreateContractRequest['agencyCode'];
  title: string;
  type: CreateContractRequest['type'];
  field: CreateContractRequest['field'];
  sellerName: string;
  sellerUscc: string;
  sellerDivision: string;
  buyerName: string;
  buyerUscc: string;
  buyerDivision: string;
  contractValue: number;
  turnover: number;
  signedOn: string;
  appliedOn?: string;
  registeredOn: string;
  taxReview?: CreateContractRequest['taxReview'];
  note?: string;
}

/** Flat sheet row -> a create request, checked by the same schema (turnover <= value, dates, parties). */
const ZContractImportRow = z
  .custom<FlatRow>((v) => typeof v === 'object' && v !== null)
  .transform((r, ctx) => {
    const parsed = ZCreateContractRequest.safeParse({
      registrationNo: r.registrationNo,
      agencyCode: r.agencyCode,
      title: r.title,
      type: r.type,
      field: r.field,
      seller: { uscc: r.sellerUscc, name: r.sellerName, divisionCode: r.sellerDivision },
      buyer: { uscc: r.buyerUscc, name: r.buyerName, divisionCode: r.buyerDivision },
      contractValue: r.contractValue,
      turnover: r.turnover,
      signedOn: r.signedOn,
      appliedOn: r.appliedOn ?? null,
      registeredOn: r.registeredOn,
      taxReview: r.taxReview ?? 'none',
      note: r.note ?? '',
    });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path.map(String), message: issue.message });
    return z.NEVER;
  });

/** Sheet paths of the nested request fields, for row errors. */
export const COLUMN_OF_PATH: Record<string, string> = {
  turnover: '技术交易额（万元）',
  registeredOn: '登记日期',
  appliedOn: '受理日期',
  agencyCode: '登记机构',
  buyer: '买方统一社会信用代码',
  'seller.divisionCode': '卖方所在旗县代码',
  'buyer.divisionCode': '买方所在旗县代码',
};

export const contractSheet = defineSheet<CreateContractRequest>({
  key: 'market-contracts',
  title: '技术合同',
  columns: COLUMNS,
  row: ZContractImportRow,
  maxRows: 50_000,
});

export const contractExportColumns: ExportColumn<Contract>[] = [
  { header: '登记号', width: 20, value: (c) => c.registrationNo },
  { header: '登记机构', width: 26, value: (c) => c.agencyName },
  { header: '合同名称', width: 36, value: (c) => c.title },
  { header: '合同类型', value: (c) => c.typeName },
  { header: '技术领域', width: 20, value: (c) => c.fieldName },
  { header: '卖方名称', width: 30, value: (c) => c.seller.name },
  { header: '卖方统一社会信用代码', width: 22, value: (c) => c.seller.uscc },
  { header: '卖方所在旗县代码', value: (c) => c.seller.divisionCode },
  { header: '卖方所在旗县', value: (c) => c.seller.divisionName },
  { header: '买方名称', width: 30, value: (c) => c.buyer.name },
  { header: '买方统一社会信用代码', width: 22, value: (c) => c.buyer.uscc },
  { header: '买方所在旗县代码', value: (c) => c.buyer.divisionCode },
  { header: '买方所在旗县', value: (c) => c.buyer.divisionName },
  { header: '合同成交额（万元）', value: (c) => c.contractValue },
  { header: '技术交易额（万元）', value: (c) => c.turnover },
  { header: '签订日期', value: (c) => c.signedOn },
  { header: '受理日期', value: (c) => c.appliedOn },
  { header: '登记日期', value: (c) => c.registeredOn },
  { header: '登记用时（天）', value: (c) => c.registrationDays },
  { header: '超期登记', value: (c) => (c.registrationOverdue ? '是' : '否') },
  { header: '免税复核', value: (c) => TAX_REVIEW_NAMES[c.taxReview] },
  { header: '备注', width: 30, value: (c) => c.note },
];
