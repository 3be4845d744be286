/** platform/documents: one model, two renderers; the files are opened as a reader would (zip + XML, pdf.js). */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { docxText, readPdf, readZip } from '../../test/documents.ts';
import { renderChartPng, renderChartSvg } from './chart.ts';
import { missingGlyphs, reportFont } from './fonts.ts';
import { renderDocument } from './index.ts';
import { assertValidDocument, formatCell, type ReportDocument } from './model.ts';
import { encodeOpaquePng } from './png.ts';
import { outlineSvgText, parseFont } from './svg-text.ts';

const COUNTIES = ['新城区', '回民区', '玉泉区', '赛罕区', '土默特左旗', '莫力达瓦达斡尔族自治旗'];

function sampleDocument(rows = 6): ReportDocument {
  const names = Array.from({ length: rows }, (_, i) => COUNTIES[i % COUNTIES.length] ?? '');
  return {
    title: '样例报告：呼和浩特市',
    subtitle: ['生成日期：2026年3月5日'],
    marking: '演示数据',
    meta: { author: '旗县平台', subject: '样例', keywords: ['样例'], createdAt: new Date('2026-03-05T02:00:00Z') },
    sections: [
      {
        heading: '一、说明',
        blocks: [
          { kind: 'paragraph', text: '本报告用于检验文档模型的两个渲染器。' },
          { kind: 'paragraph', tone: 'note', text: '注：数字为虚构。' },
          { kind: 'list', items: ['第一项', '第二项'] },
        ],
      },
      {
        heading: '二、数据',
        blocks: [
          { kind: 'subheading', text: '（一）表格' },
          {
            kind: 'table',
            caption: '各旗县在册单位数',
            columns: [{ header: '旗县', width: 2 }, { header: '企业' }, { header: '备注' }],
            rows: names.map((n, i) => [n, 1000 + i, i % 2 ? null : '有']),
            footer: [['合计', 12345, null]],
          },
          {
            kind: 'chart',
            caption: '各旗县企业数',
            chart: {
              type: 'bar',
              horizontal: true,
              stacked: true,
              unit: '个',
              categories: COUNTIES,
              series: [
                { name: '企业', values: [1, 2, 3, 4, 5, 6] },
                { name: '事业单位', values: [6, 5, 4, 3, 2, 1] },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('document model', () => {
  it('formats cells: digit grouping, em dash for nothing', () => {
    expect([formatCell(12345), formatCell(0.5), formatCell(null), formatCell('文字')]).toEqual([
      '12,345',
      '0.5',
      '—',
      '文字',
    ]);
  });

  it('refuses ragged tables and series that do not fit the categories', () => {
    const doc = sampleDocument();
    const ragged: ReportDocument = {
      ...doc,
      sections: [
        { heading: '表', blocks: [{ kind: 'table', caption: '坏表', columns: [{ header: 'a' }], rows: [['x', 1]] }] },
      ],
    };
    expect(() => assertValidDocument(ragged)).toThrow(/row of 2 cells for 1 columns/);
    const short: ReportDocument = {
      ...doc,
      sections: [
        {
          heading: '图',
          blocks: [
            {
              kind: 'chart',
              caption: '坏图',
              chart: { type: 'line', categories: ['a', 'b'], series: [{ name: 's', values: [1] }] },
            },
          ],
        },
      ],
    };
    expect(() => assertValidDocument(short)).toThrow(/one value per category/);
  });
});

describe('charts', () => {
  it('renders ECharts server-side and outlines every label in the report font', async () => {
    const spec = {
      type: 'bar' as const,
      categories: COUNTIES,
      series: [{ name: '企业', values: [1, 2, 3, 4, 5, 6] }],
      width: 400,
      height: 250,
    };
    const svg = renderChartSvg(spec);
    for (const name of COUNTIES) expect(svg).toContain(`>${name}</text>`);
    const fonts = { regular: reportFont('regular'), bold: reportFont('bold') };
    const outlined = outlineSvgText(svg, fonts);
    expect(outlined).not.toContain('<text');
    expect(outlined.match(/<path d="M/g)?.length).toBeGreaterThan(COUNTIES.length);
    const { png, width, height } = await renderChartPng(spec);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height at 3 pixels per point, RGB without alpha (pdfkit embeds it without decoding).
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25], width, height]).toEqual([1200, 750, 2, 400, 250]);
  });

  it('encodes opaque RGB PNGs, compositing any transparency over white', () => {
    // Two pixels: opaque red, then half-transparent black.
    const png = encodeOpaquePng(new Uint8Array([255, 0, 0, 255, 0, 0, 0, 128]), 2, 1);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    const raw = zlib.inflateSync(png.subarray(41, 41 + idatLength));
    // Sub filter (1): the second pixel is stored as its difference from the first.
    const second = [1, 2, 3].map((c) => ((raw[3 + c] ?? 0) + (raw[c] ?? 0)) & 0xff);
    expect([raw[0], raw[1], raw[2], raw[3]]).toEqual([1, 255, 0, 0]);
    expect(second).toEqual([127, 127, 127]);
    expect(zlib.crc32(png.subarray(37, 41 + idatLength))).toBe(png.readUInt32BE(41 + idatLength));
  });

  it('draws pie and line charts', () => {
    const pie = renderChartSvg({
      type: 'pie',
      categories: ['企业', '事业单位'],
      series: [{ name: '类型', values: [3, 1] }],
    });
    expect(pie).toContain('企业');
    const line = renderChartSvg({
      type: 'line',
      categories: ['2024', '2025'],
      series: [{ name: '企业', values: [1, 2] }],
    });
    expect(line).toContain('2025');
  });

  it('reads font size and weight the way ECharts writes them', () => {
    expect(parseFont('font-size:12px;font-family:Noto Sans SC;')).toEqual({ size: 12, bold: false });
    expect(parseFont('font-size:14px;font-weight:bold;')).toEqual({ size: 14, bold: true });
    expect(parseFont('bold 16px sans-serif')).toEqual({ size: 16, bold: true });
    expect(parseFont('600 10px sans-serif')).toEqual({ size: 10, bold: true });
  });

  it('the font covers the characters reports use', () => {
    expect(
      missingGlyphs('莫力达瓦达斡尔族自治旗 鄂尔多斯 锡林郭勒 阿拉善 巴彦淖尔 呼伦贝尔 0123 ABC （）：、。'),
    ).toEqual([]);
    expect(missingGlyphs('\u{10FFFD}')).toEqual(['\u{10FFFD}']);
  });
});

describe('renderers', () => {
  it('writes a docx: Word parts, Chinese title, table cells, the chart as a PNG with alternative text', async () => {
    const file = await renderDocument('docx', sampleDocument());
    const zip = await readZip(file);
    expect([...zip.keys()]).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
    );
    const xml = zip.get('word/document.xml')?.toString('utf8') ?? '';
    const text = docxText(xml);
    for (const s of [
      '样例报告：呼和浩特市',
      '一、说明',
      '（一）表格',
      '表 1',
      '各旗县在册单位数',
      '莫力达瓦达斡尔族自治旗',
    ])
      expect(text).toContain(s);
    for (const s of ['1,000', '12,345', '—', '图 1\u3000各旗县企业数']) expect(text).toContain(s);
    expect(xml).toContain('w:tblHeader');
    expect(xml).toMatch(/<wp:docPr [^>]*descr="图 1\u3000各旗县企业数"/);
    const media = [...zip.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(zip.get(media[0]!)!.subarray(1, 4).toString('latin1')).toBe('PNG');
    const headers = [...zip.entries()].filter(([k]) => /^word\/header\d*\.xml$/.test(k));
    expect(headers.map(([, v]) => docxText(v.toString('utf8'))).join('')).toContain('演示数据');
    expect(zip.get('docProps/core.xml')?.toString('utf8')).toContain('样例报告：呼和浩特市');
  });

  it('writes a PDF: embedded font subsets, extractable Chinese text, the chart image, page numbers', async () => {
    const file = await renderDocument('pdf', sampleDocument());
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = file.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).toContain('/FontFile2');
    // A subset: the whole font alone is over 10 MB.
    expect(file.length).toBeLessThan(500_000);
    const pdf = await readPdf(file);
    const all = pdf.text.join('\n');
    for (const s of ['样例报告：呼和浩特市', '演示数据', '一、说明', '本报告用于检验文档模型的两个渲染器。', '表 1'])
      expect(all).toContain(s);
    for (const s of ['莫力达瓦达斡尔族自治旗', '12,345', '合计', '图 1']) expect(all).toContain(s);
    expect(pdf.images.reduce((a, b) => a + b, 0)).toBe(1);
    expect(pdf.text[0]).toContain(`第 1 页，共 ${pdf.pages} 页`);
    expect(pdf.info.Title).toBe('样例报告：呼和浩特市');
  });

  it('repeats the table header on the next page of a long table', async () => {
    const file = await renderDocument('pdf', sampleDocument(80));
    const pdf = await readPdf(file);
    expect(pdf.pages).toBeGreaterThan(2);
    const withTable = pdf.text.filter((t) => /旗县\s*企业\s*备注/.test(t));
    expect(withTable.length).toBeGreaterThan(1);
  });
});
