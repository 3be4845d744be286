/** CSV reader (its three modes), encoding detection and formula neutralising: table-driven unit tests. */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/errors.ts';
import { createCsvReader } from './csv-reader.ts';
import {
  csvLine,
  decodeText,
  detectEncoding,
  neutraliseFormula,
  parseCsv,
  parseTrustedCsv,
  readCsvStream,
} from './csv.ts';
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

describe('incremental CSV reader', () => {
  it('reads quoted fields, doubled quotes and CRLF across any chunking', () => {
    const text = 'a,"b ""q"", c",d\r\n"x\ny",,z\n"",1,"2"\r\nlast,row,"end"';
    const expected = [
      ['a', 'b "q", c', 'd'],
      ['x\ny', '', 'z'],
      ['', '1', '2'],
      ['last', 'row', 'end'],
    ];
    for (let size = 1; size <= text.length; size++) {
      const out: string[][] = [];
      const r = createCsvReader((f) => out.push(f));
      for (let i = 0; i < text.length; i += size) r.feed(text.slice(i, i + size));
      r.end();
      expect(out, `chunk ${size}`).toEqual(expected);
    }
  });
});

describe('CSV reader modes', () => {
  it('trusted mode: every record as read, a byte-order mark dropped, quotes only at the start of a field', () => {
    expect(parseTrustedCsv('\uFEFFcode,name\r\n150102,"新城区, 呼和浩特"\nx,a"b\n')).toEqual([
      ['code', 'name'],
      ['150102', '新城区, 呼和浩特'],
      ['x', 'a"b'],
    ]);
    expect(() => parseTrustedCsv('a\n"open')).toThrow(AppError);
  });

  it('streaming mode: detects the encoding, reads records across chunks, stops on a thrown record, counts bytes', async () => {
    const text = '旗县代码,数值\r\n150102,"1,5"\r\n150103,2\r\n';
    const bytes = iconv.encode(text, 'gbk');
    const chunks = (size: number): AsyncIterable<Uint8Array> =>
      Readable.from(
        Array.from({ length: Math.ceil(bytes.length / size) }, (_, k) => bytes.subarray(k * size, (k + 1) * size)),
      );
    for (const size of [1, 3, 7, 1000]) {
      const out: string[][] = [];
      let encoding = '';
      await readCsvStream(chunks(size), (f) => out.push(f), { maxBytes: 1000, onEncoding: (e) => (encoding = e) });
      expect(encoding).toBe('gb18030');
      expect(out).toEqual([
        ['旗县代码', '数值'],
        ['150102', '1,5'],
        ['150103', '2'],
      ]);
    }
    const stop = new Error('stop');
    const seen: string[][] = [];
    const stopped = readCsvStream(
      chunks(4),
      (f) => {
        seen.push(f);
        throw stop;
      },
      { maxBytes: 1000 },
    );
    await expect(stopped).rejects.toBe(stop);
    expect(seen).toHaveLength(1);
    await expect(readCsvStream(chunks(4), () => undefined, { maxBytes: 10 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});
