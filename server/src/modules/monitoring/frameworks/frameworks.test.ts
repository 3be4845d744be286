import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Framework, FrameworkSummary } from '../../../../../contracts/monitoring.ts';
import { upload } from '../../../platform/spreadsheets/test-helpers.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';

const BASE = '/api/monitoring/frameworks';

function saveBody(f: Framework) {
  return { nameZh: f.nameZh, nameEn: f.nameEn, description: f.description, settings: f.settings, nodes: f.nodes };
}

describe('frameworks API', () => {
  let t: TestApp;
  let region: Agent;
  let league: Agent;
  let defaultId: number;

  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    await addUser(t, { username: 'firm', role: 'enterprise', division: '150102' });
    region = await signIn(t, 'region');
    league = await signIn(t, 'league');
    defaultId = (await region.request('GET', `${BASE}/active`)).json<Framework>().id;
  });
  afterEach(async () => {
    await t.close();
  });

  async function newDraft(from = defaultId): Promise<Framework> {
    const res = await region.request('POST', `${BASE}/${from}/versions`);
    expect(res.statusCode).toBe(201);
    return res.json<Framework>();
  }

  async function audits(action: string): Promise<number> {
    const rows = await t.db.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute();
    return rows.length;
  }

  it('lists versions and reads the active default; officers read, only monitoring:read holders', async () => {
    const list = await league.request('GET', BASE);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: FrameworkSummary[] }>().items).toEqual([
      expect.objectContaining({
        id: defaultId,
        code: 'county-default',
        status: 'active',
        isDefault: true,
        indicatorCount: 26,
      }),
    ]);
    const one = await league.request('GET', `${BASE}/${defaultId}`);
    expect(one.json<Framework>().nodes).toHaveLength(32);
    expect((await league.request('GET', `${BASE}/active?code=county-default`)).statusCode).toBe(200);
    expect((await league.request('GET', `${BASE}/active?code=nothing`)).statusCode).toBe(404);
    expect((await league.request('GET', `${BASE}/9999`)).statusCode).toBe(404);
    const firm = await signIn(t, 'firm');
    expect((await firm.request('GET', BASE)).statusCode).toBe(403);
    expect((await league.request('POST', `${BASE}/${defaultId}/versions`)).statusCode).toBe(403);
  });

  it('copies a version into a draft, saves it, activates it and retires the previous version, all audited', async () => {
    const draft = await newDraft();
    expect(draft).toMatchObject({ code: 'county-default', version: 2, status: 'draft', isDefault: true });
    expect(draft.nodes).toEqual((await region.request('GET', `${BASE}/${defaultId}`)).json<Framework>().nodes);

    const body = saveBody(draft);
    // Add a dimension with one indicator, given before its parent: saved depth-first.
    const spec = draft.nodes.find((n) => n.code === 'D1.1')!.spec;
    body.nodes = [
      { code: 'D6.1', parentCode: 'D6', kind: 'indicator', nameZh: '新指标', nameEn: '', weight: 2, spec },
      ...body.nodes,
      { code: 'D6', parentCode: 'CII', kind: 'dimension', nameZh: '新维度', nameEn: 'New', weight: 2, spec: null },
    ];
    body.nameZh = '县域指标体系 2026';
    const saved = await region.request('PUT', `${BASE}/${draft.id}`, body);
    expect(saved.statusCode).toBe(200);
    const f = saved.json<Framework>();
    expect(f.nameZh).toBe('县域指标体系 2026');
    expect(f.indicatorCount).toBe(27);
    expect(f.nodes.slice(-2).map((n) => n.code)).toEqual(['D6', 'D6.1']);

    const act = await region.request('POST', `${BASE}/${draft.id}/activate`);
    expect(act.statusCode).toBe(200);
    expect(act.json<Framework>().status).toBe('active');
    const items = (await region.request('GET', BASE)).json<{ items: FrameworkSummary[] }>().items;
    expect(items.map((i) => [i.version, i.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect((await region.request('GET', `${BASE}/active`)).json<Framework>().id).toBe(draft.id);
    expect(await audits('framework.version')).toBe(1);
    expect(await audits('framework.update')).toBe(1);
    expect(await audits('framework.activate')).toBe(1);
  });

  it('keeps active and retired versions read-only (409) and deletes drafts only', async () => {
    const body = saveBody((await region.request('GET', `${BASE}/${defaultId}`)).json<Framework>());
    const put = await region.request('PUT', `${BASE}/${defaultId}`, body);
    expect(put.statusCode).toBe(409);
    expect(put.json().error.message).toContain('只读');
    expect((await region.request('DELETE', `${BASE}/${defaultId}`)).statusCode).toBe(409);
    expect((await region.request('POST', `${BASE}/${defaultId}/activate`)).statusCode).toBe(409);

    const draft = await newDraft();
    expect((await league.request('DELETE', `${BASE}/${draft.id}`)).statusCode).toBe(403);
    const del = await region.request('DELETE', `${BASE}/${draft.id}`);
    expect(del.statusCode).toBe(200);
    expect((await region.request('GET', `${BASE}/${draft.id}`)).statusCode).toBe(404);
    const nodes = await t.db.db.selectFrom('mon_node').select('id').where('framework_id', '=', draft.id).execute();
    expect(nodes).toHaveLength(0);
    expect(await audits('framework.delete')).toBe(1);
  });

  it('refuses an invalid tree with Chinese messages naming the node, per node path, and saves nothing', async () => {
    const draft = await newDraft();
    const body = saveBody(draft);
    const i11 = body.nodes.findIndex((n) => n.code === 'D1.1');
    const i12 = body.nodes.findIndex((n) => n.code === 'D1.2');
    body.nodes[i11] = { ...body.nodes[i11]!, parentCode: 'D9' };
    body.nodes[i12] = { ...body.nodes[i12]!, code: 'D1.3' };
    body.settings = { ...body.settings, rules: [{ ...body.settings.rules[0]!, right: 'D5.5' }] };
    const res = await region.request('PUT', `${BASE}/${draft.id}`, { ...body, nameZh: '不应保存' });
    expect(res.statusCode).toBe(400);
    const details = res.json<{ error: { message: string; details: { path: string; message: string }[] } }>().error;
    expect(details.message).toBe('指标体系有 3 处问题，未保存');
    expect(details.details).toEqual([
      {
        path: `body.nodes.${i12 + 1}.code`,
        message: expect.stringContaining('编码 D1.3 重复'),
        messageEn: expect.any(String),
      },
      { path: `body.nodes.${i11}.parentCode`, message: '指标 D1.1：上级编码 D9 不存在', messageEn: expect.any(String) },
      {
        path: 'body.settings.rules.0.right',
        message: '校验规则 R1：D5.5 不是本体系中的数值型指标',
        messageEn: expect.any(String),
      },
    ]);
    const again = (await region.request('GET', `${BASE}/${draft.id}`)).json<Framework>();
    expect(again.nameZh).not.toBe('不应保存');
    expect(await audits('framework.update')).toBe(0);
    // Zod refuses a negative weight before the service runs.
    body.nodes[i11] = { ...body.nodes[i11]!, parentCode: 'D1', weight: -1 };
    expect((await region.request('PUT', `${BASE}/${draft.id}`, body)).statusCode).toBe(400);
  });

  it('exports a workbook that re-imports to the same framework (round trip), as a new draft version', async () => {
    const original = (await region.request('GET', `${BASE}/${defaultId}`)).json<Framework>();
    const exp = await league.request('GET', `${BASE}/${defaultId}/export.xlsx`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-disposition']).toContain('framework-county-default-v1.xlsx');
    expect(await audits('framework.export')).toBe(1);

    const imp = await upload(t, region, `${BASE}/import?code=county-default&name=x.xlsx`, exp.rawPayload);
    expect(imp.statusCode, imp.body).toBe(201);
    const copy = imp.json<Framework>();
    expect(copy).toMatchObject({ code: 'county-default', version: 2, status: 'draft', isDefault: false });
    expect(copy.nameZh).toBe(original.nameZh);
    expect(copy.nodes).toEqual(original.nodes);
    expect(copy.settings).toEqual(original.settings);
    expect(await audits('framework.import')).toBe(1);

    // A new code needs a name; with one it starts at version 1.
    const nameless = await upload(t, region, `${BASE}/import?code=official-2024`, exp.rawPayload);
    expect(nameless.statusCode).toBe(400);
    const named = await upload(
      t,
      region,
      `${BASE}/import?code=official-2024&nameZh=${encodeURIComponent('官方指标体系')}`,
      exp.rawPayload,
    );
    expect(named.json<Framework>()).toMatchObject({ code: 'official-2024', version: 1, nameZh: '官方指标体系' });
    expect((await upload(t, league, `${BASE}/import?code=x`, exp.rawPayload)).statusCode).toBe(403);
  });
});
