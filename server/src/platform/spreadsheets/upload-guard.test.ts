/**
 * T6-T7: oversize uploads, zip bombs (honest and lying headers), too many entries, shared-string bombs, malformed
 * xlsx/CSV -> 4xx with a Chinese message, the server alive, RSS growth bounded; worker heap and time limits.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';
import { AppError } from '../errors/errors.ts';
import { DEFAULT_LIMITS, MiB, RejectionError } from './limits.ts';
import { parseInWorker } from './parse.ts';
import { upload } from './test-helpers.ts';
import { inspectZip } from './zip-guard.ts';

interface ZipEntry {
  name: string;
  /** Raw deflate data (method 8) or stored bytes (method 0). */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
}

/** A minimal zip writer, so that tests can write headers that lie. */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Deflates `total` bytes made of `chunk` repeated, streaming (1 GiB of zeros becomes ~1 MB). */
function deflateRepeated(chunk: Buffer, total: number): { data: Buffer; crc: number } {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  let crc = 0;
  for (let n = 0; n < total; n += chunk.length) {
    const part = n + chunk.length <= total ? chunk : chunk.subarray(0, total - n);
    crc = zlib.crc32(part, crc);
    d.write(part);
    let c: Buffer | null;
    while ((c = d.read() as Buffer | null) !== null) out.push(c);
  }
  return { data: Buffer.concat([...out, zlib.deflateRawSync(Buffer.alloc(0))]), crc };
}

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, data, method: 0, crc: zlib.crc32(data), size: data.length };
};

describe('upload guards (T6-T7)', () => {
  let t: TestApp;
  let agent: Agent;
  let bomb: ZipEntry;
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'guard', role: 'region-officer', division: '150000' });
    agent = await signIn(t, 'guard');
    const zeros = deflateRepeated(Buffer.alloc(MiB), 1024 * MiB);
    bomb = { name: 'xl/worksheets/sheet1.xml', data: zeros.data, method: 8, crc: zeros.crc, size: 1024 * MiB };
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers every hostile file with a 4xx and a Chinese message, with bounded RSS growth', async () => {
    const sst = deflateRepeated(Buffer.from('<si><t>炸</t></si>'.repeat(50_000)), 512 * MiB);
    const cases: [string, Buffer, number | number[]][] = [
      ['oversize', Buffer.alloc(DEFAULT_LIMITS.maxBytes + 1, 0x41), 413],
      ['zip bomb, 1 GiB of zeros', zipOf([bomb]), 413],
      ['lying header (declares 1 KB)', zipOf([{ ...bomb, size: 1000 }]), 413],
      ['too many entries', zipOf(Array.from({ length: 600 }, (_, i) => stored(`x/${i}.xml`, '<a/>'))), 413],
      [
        'shared-strings bomb',
        zipOf([{ name: 'xl/sharedStrings.xml', data: sst.data, method: 8, crc: sst.crc, size: 512 * MiB }]),
        413,
      ],
      ['malformed xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5000, 7)]), 400],
      ['truncated xlsx', zipOf([stored('a.xml', '<a/>'.repeat(500))]).subarray(0, 1000), 400],
      ['malformed CSV (open quote)', Buffer.from('单位名称,单位类型\n"未闭合,政府部门\n'), 400],
      ['binary garbage', Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0]), 400],
      ['legacy xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 400],
    ];
    global.gc?.();
    const before = process.memoryUsage().rss;
    const problems: string[] = [];
    for (const [name, payload, status] of cases) {
      const res = await upload(t, agent, '/api/imports/organisations', payload);
      if (![status].flat().includes(res.statusCode))
        problems.push(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      else if (!/[\u4e00-\u9fff]/.test(res.json<{ error: { message: string } }>().error.message))
        problems.push(`${name}: no Chinese message`);
    }
    const growth = (process.memoryUsage().rss - before) / MiB;
    expect(problems).toEqual([]);
    expect(growth).toBeLessThan(64);
    expect((await agent.request('GET', '/api/health')).statusCode).toBe(200);
  });

  it('applies the shared-strings limit from the directory, before inflating', async () => {
    const xml = Buffer.from('<sst>' + '<si><t>字</t></si>'.repeat(1000) + '</sst>');
    const data = zlib.deflateRawSync(xml);
    const zip = zipOf([{ name: 'xl/sharedStrings.xml', data, method: 8, crc: zlib.crc32(xml), size: xml.length }]);
    await expect(inspectZip(zip, { ...DEFAULT_LIMITS, maxSharedStringsBytes: 1000 })).rejects.toBeInstanceOf(
      RejectionError,
    );
    await expect(inspectZip(zip, DEFAULT_LIMITS)).resolves.toEqual(['xl/sharedStrings.xml']);
  });

  it('stops a worker that runs out of heap or time with a 4xx error, not a crash', async () => {
    const csv = Buffer.from(
      '单位名称,单位类型,行政区划代码\n' +
        Array.from({ length: 90_000 }, (_, i) => `单位${i},政府部门,150102`).join('\n'),
    );
    const oom = await parseInWorker(csv, { limits: { workerHeapMb: 8 } }).catch((e: unknown) => e);
    expect(oom).toBeInstanceOf(AppError);
    expect((oom as AppError).status).toBe(413);
    const slow = await parseInWorker(csv, { limits: { workerTimeoutMs: 1 } }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(AppError);
    expect((slow as AppError).messages?.zh).toMatch(/超时/);
  });
});
