/** CSV: encoding detection (BOM, UTF-8 validity, UTF-16 without BOM, else GBK), an RFC 4180 reader and a writer. */
import iconv from 'iconv-lite';
import { RejectionError, reject, type Cell, type Grid, type ParseLimits } from './limits.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Detects the encoding of a text file: a BOM wins; then valid UTF-8; then UTF-16 by its zero bytes; else GB18030 (a superset of GBK). */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) zeroEven++;
    else zeroOdd++;
  }
  const half = sample.length / 2;
  // Without a BOM, UTF-16 shows itself by the zero bytes of its ASCII (commas, digits, line breaks: a CSV has many).
  if (zeroOdd > half / 3 && zeroEven < half / 20) return { encoding: 'utf-16le', bomLength: 0 };
  if (zeroEven > half / 3 && zeroOdd < half / 20) return { encoding: 'utf-16be', bomLength: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** Decodes bytes with the detected encoding. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const { encoding, bomLength } = detectEncoding(bytes);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + bomLength, bytes.byteLength - bomLength);
  return { text: iconv.decode(body, encoding), encoding };
}

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, comma separated) into a grid, refusing files with
 * more records than the limit and cutting over-long cells.
 */
export function parseCsv(text: string, limits: Pick<ParseLimits, 'maxRows' | 'maxColumns' | 'maxCellChars'>): Grid {
  if (text.includes('\u0000'))
    throw new RejectionError(reject(400, 'binary', '文件不是有效的 CSV 文本', 'The file is not CSV text'));
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const push = () => {
    if (record.length < limits.maxColumns)
      record.push(field.length > limits.maxCellChars ? field.slice(0, limits.maxCellChars + 1) : field);
    field = '';
  };
  const end = () => {
    push();
    records.push(record);
    record = [];
    if (records.length > limits.maxRows + 1)
      throw new RejectionError(
        reject(
          413,
          'rows',
          `行数超过上限 ${limits.maxRows} 行，请拆分文件`,
          `More than ${limits.maxRows} rows; split the file`,
        ),
      );
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') push();
    else if (ch === '\n' || ch === '\r') {
      end();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted)
    throw new RejectionError(reject(400, 'csv-quote', 'CSV 文件引号未闭合', 'Unclosed quote in the CSV file'));
  if (field !== '' || record.length > 0) end();
  const [header = [], ...rest] = records;
  return { format: 'csv', header, rows: rest.map((cells, k) => ({ row: k + 2, cells })) };
}

/** Neutralises spreadsheet formula injection: text starting with = + - @ tab or CR gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const t = neutraliseFormula(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** One CSV line (CRLF-terminated) from values; numbers stay bare so spreadsheets read them as numbers. */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** UTF-8 byte-order mark, so that Excel opens UTF-8 CSV with Chinese text correctly. */
export const UTF8_BOM = '\uFEFF';
