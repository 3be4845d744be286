/**
 * CSV: encoding detection (BOM, UTF-8 validity, UTF-16 without BOM, else GBK), the reader's three modes over the one
 * RFC 4180 reader of csv-reader.ts (trusted text, hardened uploads, a byte stream) and a writer.
 */
import iconv from 'iconv-lite';
import { AppError } from '../errors/errors.ts';
import { createCsvReader } from './csv-reader.ts';
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
 * Hardened mode, for uploaded text (the worker of parse.ts): refuses binary text, an unclosed quote and more records
 * than the limit; keeps `maxColumns` cells a record and cuts over-long cells (they then fail their length check).
 */
export function parseCsv(text: string, limits: Pick<ParseLimits, 'maxRows' | 'maxColumns' | 'maxCellChars'>): Grid {
  if (text.includes('\u0000'))
    throw new RejectionError(reject(400, 'binary', '文件不是有效的 CSV 文本', 'The file is not CSV text'));
  const records: Cell[][] = [];
  const reader = createCsvReader(
    (fields) => {
      records.push(
        fields
          .slice(0, limits.maxColumns)
          .map((f) => (f.length > limits.maxCellChars ? f.slice(0, limits.maxCellChars + 1) : f)),
      );
      if (records.length > limits.maxRows + 1)
        throw new RejectionError(
          reject(
            413,
            'rows',
            `行数超过上限 ${limits.maxRows} 行，请拆分文件`,
            `More than ${limits.maxRows} rows; split the file`,
          ),
        );
    },
    {
      unclosedQuote: () =>
        new RejectionError(reject(400, 'csv-quote', 'CSV 文件引号未闭合', 'Unclosed quote in the CSV file')),
    },
  );
  reader.feed(text);
  reader.end();
  const [header = [], ...rest] = records;
  return { format: 'csv', header, rows: rest.map((cells, k) => ({ row: k + 2, cells })) };
}

/**
 * Trusted mode, for text we ship (reference data, the default framework, method files): every record as read, a
 * leading byte-order mark dropped, no limits.
 */
export function parseTrustedCsv(text: string): string[][] {
  const records: string[][] = [];
  const reader = createCsvReader((fields) => records.push(fields));
  reader.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  reader.end();
  return records;
}

/**
 * Streaming mode, for a large upload read as it arrives (the monitoring yearbook import): bytes are counted against
 * `maxBytes` (413), the encoding is detected from the first 64 KiB (`onEncoding` is told before any record) and each
 * record goes to `onRecord`; an exception it throws stops the reading and propagates.
 */
export async function readCsvStream(
  body: AsyncIterable<Uint8Array>,
  onRecord: (fields: string[]) => void,
  opts: { maxBytes: number; onEncoding?: (encoding: TextEncoding) => void },
): Promise<void> {
  const reader = createCsvReader(onRecord);
  for await (const text of decodeStream(body, opts.maxBytes, opts.onEncoding ?? (() => undefined))) reader.feed(text);
  reader.end();
}

/** Decodes a byte stream as text in the encoding detected from its first 64 KiB (cut at a line break). */
async function* decodeStream(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onEncoding: (e: TextEncoding) => void,
): AsyncGenerator<string> {
  let head: Buffer[] = [];
  let headBytes = 0;
  let total = 0;
  let decode: ((b: Buffer) => string) | null = null;
  const start = (sample: Buffer): ((b: Buffer) => string) => {
    // Cut the sample at its last line break so that a character split by the chunk does not look invalid.
    const cut = sample.lastIndexOf(10);
    const { encoding, bomLength } = detectEncoding(cut > 0 ? sample.subarray(0, cut) : sample);
    onEncoding(encoding);
    if (encoding === 'utf-8') {
      const d = new TextDecoder('utf-8', { ignoreBOM: false });
      return (b) => d.decode(b, { stream: true });
    }
    const d = iconv.getDecoder(encoding);
    let skip = bomLength;
    return (b) => {
      if (skip > 0) {
        const s = b.subarray(Math.min(skip, b.length));
        skip -= b.length - s.length;
        return d.write(s);
      }
      return d.write(b);
    };
  };
  for await (const chunk of body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += b.length;
    if (total > maxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', {
        zh: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请拆分后导入`,
        en: 'The file is too large; split it',
      });
    if (decode) {
      yield decode(b);
      continue;
    }
    head.push(b);
    headBytes += b.length;
    if (headBytes < 65536) continue;
    const sample = Buffer.concat(head);
    head = [];
    decode = start(sample);
    yield decode(sample);
  }
  if (!decode) {
    const sample = Buffer.concat(head);
    yield start(sample)(sample);
  }
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
