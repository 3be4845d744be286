/** CSV reader, encoding detection and formula neutralising: table-driven unit tests. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLine, decodeText, detectEncoding, neutraliseFormula, parseCsv } from './csv.ts';
import { RejectionError } from './limits.ts';

const LIMITS = { maxRows: 10, maxColumns: 8, maxCellChars: 20 };

describe('csv', () => {
  it.each([
    ['utf-8 BOM', Buffer.from('\uFEFF名称', 'utf8'), 'utf-8'],
    ['utf-8', Buffer.from('名称,代码', 'utf8'), 'utf-8'],
    ['gbk', iconv.encode('名称,代码\n呼和浩特,150102', 'gbk'), 'gb18030'],
    ['utf-16le BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('名称', 'utf16le')]), 'utf-16le'],
    ['utf-16le', iconv.encode('名称,代码\r\n单位,150102\r\n', 'utf16le'), 'utf-16le'],
    ['utf-16be', iconv.encode('名称,代码\r\n单位,150102\r\n', 'utf16be'), 'utf-16be'],
  ])('detects %s', (_label, bytes, encoding) => {
    expect(detectEncoding(bytes).encoding).toBe(encoding);
    expect(decodeText(bytes).text).toContain('名称');
  });

  it('reads quotes, doubled quotes, CRLF and LF, and numbers rows from 2', () => {
    const grid = parseCsv('a,b\r\n"x, y","say ""hi"""\n3,\n', LIMITS);
    expect(grid.header).toEqual(['a', 'b']);
    expect(grid.rows).toEqual([
      { row: 2, cells: ['x, y', 'say "hi"'] },
      { row: 3, cells: ['3', ''] },
    ]);
  });

  it('refuses too many rows, open quotes and binary text; cuts long cells', () => {
    expect(() => parseCsv('a\n' + '1\n'.repeat(12), LIMITS)).toThrow(RejectionError);
    expect(() => parseCsv('a\n"open', LIMITS)).toThrow(RejectionError);
    expect(() => parseCsv('a\u0000b', LIMITS)).toThrow(RejectionError);
    expect(String(parseCsv('a\n' + 'x'.repeat(100), LIMITS).rows[0]!.cells[0]).length).toBe(21);
  });

  it('neutralises formula triggers and keeps numbers bare', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('正常')).toBe('正常');
    expect(csvLine([1, -2.5, '=A1', 'a,b', null])).toBe(`1,-2.5,'=A1,"a,b",\r\n`);
  });
});
