/** The parse worker's row stream: batches in order, back-pressure, a failing sink stops it, the grid form. */
import { describe, expect, it } from 'vitest';
import { parseInWorker, streamInWorker } from './parse.ts';
import { ROW_BATCH } from './parse.worker.ts';
import type { GridRow } from './limits.ts';

const ROWS = ROW_BATCH * 2 + 7;
const csv = ['名称,代码', ...Array.from({ length: ROWS }, (_, i) => `单位${i + 1},${i + 1}`)].join('\n');

describe('streamInWorker', () => {
  it('hands rows in order, in batches, each only after the sink finished the one before', async () => {
    const sizes: number[] = [];
    const rows: GridRow[] = [];
    let busy = false;
    let overlapped = false;
    let header: unknown = null;
    const result = await streamInWorker(Buffer.from(csv), {
      head: (h) => void (header = h),
      async rows(batch) {
        if (busy) overlapped = true;
        busy = true;
        sizes.push(batch.length);
        rows.push(...batch);
        await new Promise((resolve) => setTimeout(resolve, 30));
        busy = false;
      },
    });
    expect(header).toMatchObject({ format: 'csv', encoding: 'utf-8', header: ['名称', '代码'] });
    expect(overlapped).toBe(false);
    expect(sizes).toEqual([ROW_BATCH, ROW_BATCH, 7]);
    expect(result.rowCount).toBe(ROWS);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    expect(rows[ROWS - 1]?.cells).toEqual([`单位${ROWS}`, String(ROWS)]);
  });

  it('stops at the first failure of the sink and rejects with it', async () => {
    let batches = 0;
    const failure = await streamInWorker(Buffer.from(csv), {
      head: () => undefined,
      rows() {
        batches++;
        throw new Error('sink failed');
      },
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('sink failed');
    expect(batches).toBe(1);
  });

  it('still answers a whole grid for small files', async () => {
    const { grid } = await parseInWorker(Buffer.from(csv));
    expect(grid.header).toEqual(['名称', '代码']);
    expect(grid.rows).toHaveLength(ROWS);
    expect(grid.format).toBe('csv');
  });
});
