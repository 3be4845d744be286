import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../../contracts/monitoring.ts';
import { upload, xlsxOf } from '../../../platform/spreadsheets/test-helpers.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { frameworkSheet, frameworkToCells, type FrameworkSheetRow } from './frameworks.sheet.ts';

const URL = '/api/monitoring/frameworks/import?code=county-default';
type Cell = string | number | null;

describe('framework import: all or nothing with a row report', () => {
  let t: TestApp;
  let region: Agent;
  let rows: Cell[][];

  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    region = await signIn(t, 'region');
    const f = (await region.request('GET', '/api/monitoring/frameworks/active')).json<Framework>();
    rows = frameworkToCells(f).map((c) =>
      frameworkSheet.columns.map((col) => c[col.key as keyof FrameworkSheetRow] ?? null),
    );
  });
  afterEach(async () => {
    await t.close();
  });

  const header = () => frameworkSheet.columns.map((c) => c.header);
  const colOf = (key: keyof FrameworkSheetRow) => frameworkSheet.columns.findIndex((c) => c.key === key);
  /** Index into `rows` of a code; its spreadsheet row number is index + 2. */
  const at = (code: string) => rows.findIndex((r) => r[colOf('code')] === code);
  const set = (code: string, key: keyof FrameworkSheetRow, v: Cell) => (rows[at(code)]![colOf(key)] = v);

  async function importRows(): Promise<{
    status: number;
    details: { path: string; message: string }[];
    message: string;
  }> {
    const res = await upload(t, region, URL, await xlsxOf([header(), ...rows]));
    const body = res.json<{ error?: { message: string; details?: { path: string; message: string }[] } }>();
    return { status: res.statusCode, details: body.error?.details ?? [], message: body.error?.message ?? '' };
  }

  async function versions(): Promise<number> {
    return (await t.db.db.selectFrom('mon_framework').select('id').execute()).length;
  }

  it('reports a bad direction with its row number and column, and writes nothing', async () => {
    set('D1.1', 'direction', '上升');
    set('D2.1', 'weight', -3);
    const r = await importRows();
    expect(r.status).toBe(400);
    expect(r.message).toBe('导入文件有 2 处问题，未写入任何内容');
    expect(r.details).toEqual([
      { path: `row ${at('D1.1') + 2}: 方向`, message: '方向应为“正向”或“逆向”', messageEn: expect.any(String) },
      { path: `row ${at('D2.1') + 2}: 权重`, message: expect.stringContaining('过小'), messageEn: expect.any(String) },
    ]);
    expect(await versions()).toBe(1);
  });

  it('reports an unknown parent, a duplicate code and a cycle by row', async () => {
    set('D1.1', 'parentCode', 'D9');
    set('D2.2', 'code', 'D2.1');
    set('D3', 'parentCode', 'D4');
    set('D4', 'parentCode', 'D3');
    const r = await importRows();
    expect(r.status).toBe(400);
    const line = (code: string, col: string) => `row ${at(code) + 2}: ${col}`;
    // The duplicate row is D2.2's (renamed): the second D2.1.
    const dupRow = rows.findIndex((x, i) => x[colOf('code')] === 'D2.1' && i !== at('D2.1')) + 2;
    expect(r.details).toEqual(
      expect.arrayContaining([
        { path: line('D1.1', '上级编码'), message: '指标 D1.1：上级编码 D9 不存在', messageEn: expect.any(String) },
        {
          path: `row ${dupRow}: 编码`,
          message: expect.stringContaining('编码 D2.1 重复'),
          messageEn: expect.any(String),
        },
        { path: line('D3', '上级编码'), message: '维度 D3：上级关系形成循环', messageEn: expect.any(String) },
        { path: line('D4', '上级编码'), message: '维度 D4：上级关系形成循环', messageEn: expect.any(String) },
      ]),
    );
    // Sorted by row.
    const numbers = r.details.map((d) => Number(/^row (\d+)/.exec(d.path)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(await versions()).toBe(1);
  });

  it('reads targets, facts, rules and tiers in their text forms and refuses malformed ones', async () => {
    set('D1.2', 'targets', '2025：2;2027:3.5');
    set('CII', 'tiers', '名额:10;15;78');
    set('D1.1', 'fact', 'nobody.count');
    const bad = await importRows();
    expect(bad.details).toEqual([
      {
        path: `row ${at('D1.1') + 2}: 绑定事实`,
        message: '指标 D1.1：绑定的指标事实 nobody.count 不存在',
        messageEn: expect.any(String),
      },
    ]);
    set('D1.1', 'fact', null);
    set('R1', 'rule', 'D4.2 ≤ D4.1');
    const ok = await upload(t, region, URL, await xlsxOf([header(), ...rows]));
    expect(ok.statusCode, ok.body).toBe(201);
    const f = ok.json<Framework>();
    expect(f.nodes.find((n) => n.code === 'D1.2')?.spec?.targets).toEqual({ '2025': 2, '2027': 3.5 });
    expect(f.nodes.find((n) => n.code === 'D1.1')?.spec?.fact).toBeNull();
    expect(f.settings.tiers).toEqual({ kind: 'counts', counts: [10, 15, 78] });
    expect(f.settings.rules[0]).toMatchObject({ left: 'D4.2', right: 'D4.1' });

    set('D1.2', 'targets', '2025=2');
    set('R1', 'rule', 'D4.2 > D4.1');
    const r = await importRows();
    expect(r.details.map((d) => d.path)).toEqual([`row ${at('D1.2') + 2}: 目标值`, `row ${at('R1') + 2}: 规则表达式`]);
  });

  it('accepts CSV and answers a missing required column or an empty file with a report', async () => {
    const csv = `编码,上级编码,层级,中文名称,权重\nI,,指数,指数,1\nD1,I,维度,维度一,1\nA,D1,指标,甲,1\n`;
    const ok = await upload(t, region, URL, csv, 'text/csv');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Framework>().nodes.map((n) => n.code)).toEqual(['I', 'D1', 'A']);
    const missing = await upload(t, region, URL, `编码,层级\nI,指数\n`, 'text/csv');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ path: 'row 1: 中文名称' });
    const empty = await upload(t, region, URL, `编码,上级编码,层级,中文名称\n`, 'text/csv');
    expect(empty.json().error.details[0].message).toBe('文件中没有数据行');
    const legacy = await upload(t, region, URL, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    expect(legacy.statusCode).toBe(400);
    expect(legacy.json().error.message).toContain('.xls');
  });
});
