/**
 * Checks an xlsx (zip) before any spreadsheet code reads it: entry count, declared inflated sizes, compression
 * ratios and the shared-strings size from the central directory; that the local entries tile the file exactly (no
 * hidden entries a streaming reader would see but the directory does not list); then inflates every entry once,
 * counting real bytes, so that headers that lie about sizes are caught.
 */
import yauzl from 'yauzl';
import { MiB, RejectionError, reject, type ParseLimits } from './limits.ts';

/** The largest gap allowed after an entry's data: a data descriptor (signature + CRC + two 64-bit sizes). */
const MAX_DESCRIPTOR = 24;

function tooBig(reason: string, zh: string, en: string): RejectionError {
  return new RejectionError(reject(413, reason, zh, en));
}

function malformed(en: string): RejectionError {
  return new RejectionError(reject(400, 'malformed-zip', 'xlsx 文件已损坏或格式不正确', `Malformed xlsx: ${en}`));
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

function readEntries(zip: yauzl.ZipFile, maxEntries: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > maxEntries) reject(tooBig('entries', 'xlsx 文件包含的条目过多', 'Too many zip entries'));
      else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function countInflated(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number): Promise<number> {
  const stream = await zip.openReadStreamPromise(entry);
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > budget) {
      stream.destroy();
      throw tooBig('inflated', 'xlsx 文件解压后过大', 'The xlsx inflates beyond the limit');
    }
  }
  return n;
}

/** Throws a RejectionError when the zip is malformed or exceeds a limit; returns the entry names otherwise. */
export async function inspectZip(buffer: Buffer, limits: ParseLimits): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buffer);
  } catch (err) {
    throw malformed(err instanceof Error ? err.message : 'unreadable');
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw tooBig('entries', 'xlsx 文件包含的条目过多', 'Too many zip entries');
    const directoryOffset = Number((zip as unknown as { readEntryCursor: number }).readEntryCursor);
    let entries: yauzl.Entry[];
    try {
      entries = await readEntries(zip, limits.maxEntries);
    } catch (err) {
      if (err instanceof RejectionError) throw err;
      throw malformed(err instanceof Error ? err.message : 'bad directory');
    }
    let declared = 0;
    for (const e of entries) {
      declared += e.uncompressedSize;
      if (declared > limits.maxInflatedBytes)
        throw tooBig(
          'inflated',
          'xlsx 文件解压后过大（疑似压缩炸弹）',
          'Declared inflated size over the limit (zip bomb?)',
        );
      if (e.uncompressedSize > MiB && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio)
        throw tooBig('ratio', 'xlsx 文件压缩比异常（疑似压缩炸弹）', 'Abnormal compression ratio (zip bomb?)');
      if (/^xl\/sharedStrings\.xml$/i.test(e.fileName) && e.uncompressedSize > limits.maxSharedStringsBytes)
        throw tooBig('shared-strings', 'xlsx 共享字符串表过大', 'Shared-strings table over the limit');
    }
    // Local entries must follow each other with no room for an entry the directory does not list.
    const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    let expected = 0;
    for (const e of sorted) {
      const gap = e.relativeOffsetOfLocalHeader - expected;
      if (gap < 0 || gap > MAX_DESCRIPTOR) throw malformed('entries overlap or hide data');
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
      expected = fileDataStart + e.compressedSize;
    }
    const tail = directoryOffset - expected;
    if (tail < 0 || tail > MAX_DESCRIPTOR) throw malformed('data before the central directory');
    // Real bytes, not declared ones: yauzl also fails an entry whose stream differs from its declared size.
    let budget = limits.maxInflatedBytes;
    for (const e of entries) {
      try {
        budget -= await countInflated(zip, e, Math.min(budget, e.uncompressedSize));
      } catch (err) {
        if (err instanceof RejectionError) throw err;
        const msg = err instanceof Error ? err.message : '';
        if (/too many bytes|expected/i.test(msg))
          throw tooBig('lying-header', 'xlsx 条目的实际大小与声明不符', 'An entry inflates beyond its declared size');
        throw malformed(msg);
      }
    }
    return entries.map((e) => e.fileName);
  } finally {
    zip.close();
  }
}
