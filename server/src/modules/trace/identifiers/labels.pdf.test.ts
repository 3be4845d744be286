import { describe, expect, it } from 'vitest';
import { groupTraceCode, renderLabelSheetPdf, type TraceLabel } from './labels.pdf.ts';

function labels(n: number): TraceLabel[] {
  return Array.from({ length: n }, (_, i) => ({
    traceCode: `150121-26-7KQ2M9XH4TRB${String(i).padStart(2, '0')}-C`,
    productName: '锡林郭勒羊肉（演示）',
    operatorName: '土默特左旗示范养殖专业合作社',
    batchNo: `B2026-${i + 1}`,
    url: `https://trace.example.cn/t/150121267KQ2M9XH4TRB${i}`,
    ...(i % 2 === 0 ? { certificateNo: `HGZ-150121-2026-${i}` } : {}),
  }));
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

describe('renderLabelSheetPdf', () => {
  it('puts 65 labels at 3 x 8 on 3 A4 pages', async () => {
    const pdf = await renderLabelSheetPdf({ title: '追溯标签 批次 B2026', labels: labels(65), demo: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pageCount(pdf)).toBe(3);
    const text = pdf.toString('latin1');
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(text).toContain('/BaseFont /Courier-Bold');
    expect(text).toMatch(/NotoSansSC/); // the CJK font subset is embedded
  });

  it('honours columns and rows', async () => {
    const pdf = await renderLabelSheetPdf({ title: '追溯标签', labels: labels(10), columns: 2, rows: 2 });
    expect(pageCount(pdf)).toBe(3);
  });

  it('rejects empty sheets and bad grids with Chinese messages', async () => {
    await expect(renderLabelSheetPdf({ title: 't', labels: [] })).rejects.toThrow('没有要打印的标签');
    await expect(renderLabelSheetPdf({ title: 't', labels: labels(1), columns: 7 })).rejects.toThrow('每行标签数');
    await expect(renderLabelSheetPdf({ title: 't', labels: [{ ...labels(1)[0]!, url: '' }] })).rejects.toThrow(
      '缺少追溯码或网址',
    );
  });
});

describe('groupTraceCode', () => {
  it.each([
    ['150121-26-7KQ2M9XH4TRB-C', '150121 26 7KQ2 M9XH 4TRB C'],
    ['ABCDEFGH', 'ABCD EFGH'],
    ['ABCDEF', 'ABCDEF'],
    ['AB CD', 'AB CD'],
  ])('%s -> %s', (code, grouped) => {
    expect(groupTraceCode(code)).toBe(grouped);
  });
});
