/** The downloadable import template, generated from the same sheet definition that validates the upload. */
import { loadExcel } from './excel.ts';
import type { SheetSpec } from './sheet.ts';

const TYPE_ZH = { text: '文本', number: '数字', date: '日期（YYYY-MM-DD）' } as const;
/** Rows that carry drop-down lists and length checks in the template. */
const VALIDATED_ROWS = 2000;

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Builds the xlsx template: a data sheet with the Chinese header row and one example row (skipped on import when
 * left unchanged), drop-down lists for columns with fixed options, and a notes sheet describing every column.
 */
export async function buildTemplate(spec: SheetSpec<unknown>, extraNotes: readonly string[] = []): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Qixian 旗县';
  const ws = wb.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(14, c.header.length * 3 + 6),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${c.required ? '必填。' : '选填。'}${c.note}`;
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  });
  const example = ws.addRow(spec.columns.map((c) => c.example));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  spec.columns.forEach((c, i) => {
    const col = columnLetter(i + 1);
    // Text columns stay text so that codes keep their digits.
    if (c.type === 'text') ws.getColumn(i + 1).numFmt = '@';
    for (let r = 2; r <= VALIDATED_ROWS; r++) {
      const cell = ws.getCell(`${col}${r}`);
      if (c.options)
        cell.dataValidation = {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${c.options.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '取值无效',
          error: `请从下拉列表中选择：${c.options.join('、')}`,
        };
      else if (c.type === 'number')
        cell.dataValidation = {
          type: 'decimal',
          operator: 'greaterThanOrEqual',
          allowBlank: !c.required,
          formulae: [0],
          showErrorMessage: true,
          error: '请输入数字',
        };
    }
  });

  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 22 },
    { header: 'English', width: 22 },
    { header: '是否必填', width: 10 },
    { header: '类型', width: 18 },
    { header: '示例', width: 24 },
    { header: '填写要求', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of spec.columns)
    notes.addRow([c.header, c.headerEn, c.required ? '必填' : '选填', TYPE_ZH[c.type], String(c.example), c.note]);
  notes.addRow([]);
  for (const line of [
    `第 1 行为列名，请勿修改；第 2 行为示例（原样保留时导入会跳过），请从第 3 行起填写。`,
    `每个文件最多 ${spec.maxRows ?? 100000} 行；也可另存为 CSV（UTF-8、GBK 或 UTF-16 编码均可）。`,
    '导入先校验并给出逐行报告（行号、列名、原因），确认无误后一次性提交：任何一行失败则全部不写入。',
    ...extraNotes,
  ])
    notes.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
