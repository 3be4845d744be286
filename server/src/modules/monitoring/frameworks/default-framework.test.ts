import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import {
  buildDefaultFramework,
  DEFAULT_FRAMEWORK_DESCRIPTION,
  DEFAULT_FRAMEWORK_NAME,
  LEGACY_FRAMEWORK_DESCRIPTION,
  legacySpecTexts,
  seedDefaultFramework,
} from './default-framework.ts';
import {
  DEFAULT_FRAMEWORK_CODE,
  indicatorsOf,
  listIndicatorSpecs,
  loadActiveFramework,
  updateIndicatorSpec,
} from './frameworks.repository.ts';

describe('default county framework (pure)', () => {
  const { nodes, settings } = buildDefaultFramework();
  const indicators = nodes.filter((n) => n.kind === 'indicator');
  const dimensions = nodes.filter((n) => n.kind === 'dimension');

  it('has one index, 5 dimensions and 26 indicators worth 100 points (85 quantitative + 15 qualitative)', () => {
    expect(nodes[0]).toMatchObject({ code: 'CII', parentCode: null, kind: 'index', nameZh: '县域创新能力指数' });
    expect(dimensions.map((d) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5']);
    expect(indicators).toHaveLength(26);
    const points = indicators.reduce((s, n) => s + (n.spec?.points ?? 0), 0);
    expect(points).toBe(100);
    const qualitative = indicators.filter((n) => n.spec?.qualitative).reduce((s, n) => s + n.weight, 0);
    expect(qualitative).toBe(15);
    // A dimension weighs the points of its indicators.
    for (const d of dimensions)
      expect(d.weight).toBe(indicators.filter((n) => n.parentCode === d.code).reduce((s, n) => s + n.weight, 0));
    expect(dimensions.map((d) => d.weight)).toEqual([24, 16, 12, 24, 24]);
  });

  it('carries the special indicators, targets, ranges, standard values and the live binding', () => {
    const byCode = new Map(indicators.map((n) => [n.code, n]));
    expect(byCode.get('D5.5')).toMatchObject({ weight: 0, spec: { valueType: 'text', min: null } });
    expect(byCode.get('D5.4')?.spec).toMatchObject({ qualitative: true, min: 0, max: 15 });
    expect(byCode.get('D5.3')?.spec).toMatchObject({ optional: true, targets: { '2025': 15 } });
    expect(byCode.get('D1.1')?.spec).toMatchObject({ targets: { '2025': 1.5 }, standardValue: 1.5, min: 0, max: 100 });
    expect(byCode.get('D2.3')?.spec?.targets).toEqual({ '2025': 35 });
    expect(byCode.get('D4.2')?.spec?.targets).toEqual({ '2025': 12 });
    expect(byCode.get('D4.6')?.spec?.direction).toBe(-1);
    expect(byCode.get('D3.4')?.spec).toMatchObject({
      fact: { fact: 'experts.count' },
      density: 'population',
      log: true,
    });
    expect(byCode.get('D2.1')?.spec).toMatchObject({ density: 'population', log: true, maxYoyChange: 1, min: 0 });
    expect(byCode.get('D2.3')?.spec?.maxYoyChange).toBe(0.5);
    for (const n of indicators)
      if (n.spec?.valueType === 'number') expect(n.spec.standardValue, n.code).toBeGreaterThan(0);
    expect(settings.rules).toEqual([expect.objectContaining({ kind: 'lte', left: 'D4.2', right: 'D4.1' })]);
    expect(settings.tiers).toEqual({ kind: 'thresholds', thresholds: [80, 60] });
  });
});

describe('default county framework texts', () => {
  it('shows users Chinese notes: no English words in any indicator denominator, source, target note or evidence', () => {
    for (const n of buildDefaultFramework().nodes)
      for (const field of ['denominator', 'source', 'targetNote', 'evidence', 'unit'] as const)
        expect(n.spec?.[field] ?? '', `${n.code} ${field}`).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('default county framework (seeded)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('is in every database from the reference seed, active, default, version 1; seeding again changes nothing', async () => {
    const f = await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE);
    expect(f).toMatchObject({ code: 'county-default', version: 1, status: 'active', isDefault: true });
    expect(f?.nameZh).toBe(DEFAULT_FRAMEWORK_NAME.zh);
    expect(indicatorsOf(f!)).toHaveLength(26);
    expect(f?.nodes).toEqual(buildDefaultFramework().nodes);
    expect(await seedDefaultFramework(t.db.db, new Date().toISOString())).toBe(false);
    const n = await t.db.db.selectFrom('mon_framework').select('id').execute();
    expect(n).toHaveLength(1);
  });

  it('describes itself in Chinese only; seeding again rewrites the legacy bilingual text, never an own one', async () => {
    expect(DEFAULT_FRAMEWORK_DESCRIPTION).not.toMatch(/[A-Za-z]{3,}/);
    const f = await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE);
    expect(f?.description).toBe(DEFAULT_FRAMEWORK_DESCRIPTION);
    const setDescription = (description: string) =>
      t.db.db.updateTable('mon_framework').set({ description }).where('id', '=', f!.id).execute();
    await setDescription(LEGACY_FRAMEWORK_DESCRIPTION); // a database seeded before issue 12
    expect(await seedDefaultFramework(t.db.db, new Date().toISOString())).toBe(false);
    expect((await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE))?.description).toBe(
      DEFAULT_FRAMEWORK_DESCRIPTION,
    );
    await setDescription('本地说明 / our own words');
    await seedDefaultFramework(t.db.db, new Date().toISOString());
    expect((await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE))?.description).toBe('本地说明 / our own words');
  });

  it('rewrites the English indicator notes of a database seeded before issue 12, never a note an administrator wrote', async () => {
    const legacy = legacySpecTexts();
    const nodes = await listIndicatorSpecs(t.db.db, DEFAULT_FRAMEWORK_CODE);
    const spec = (code: string) => JSON.parse(nodes.find((n) => n.code === code)!.spec) as Record<string, string>;
    const d11 = nodes.find((n) => n.code === 'D1.1')!;
    const d12 = nodes.find((n) => n.code === 'D1.2')!;
    const old = (code: string, field: string) => legacy.get(code)!.find((p) => p.field === field)!.from;
    // As seeded before: English notes; an administrator then wrote their own target note on D1.2.
    await updateIndicatorSpec(
      t.db.db,
      d11.id,
      JSON.stringify({
        ...spec('D1.1'),
        targetNote: old('D1.1', 'targetNote'),
        denominator: old('D1.1', 'denominator'),
      }),
    );
    await updateIndicatorSpec(
      t.db.db,
      d12.id,
      JSON.stringify({ ...spec('D1.2'), targetNote: '本旗县自定目标', evidence: old('D1.2', 'evidence') }),
    );
    expect(old('D1.1', 'targetNote')).toMatch(/IM region target/);
    await seedDefaultFramework(t.db.db, new Date().toISOString());
    const f = await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE);
    const byCode = new Map(f!.nodes.map((n) => [n.code, n.spec]));
    const fresh = new Map(buildDefaultFramework().nodes.map((n) => [n.code, n.spec]));
    expect(byCode.get('D1.1')).toEqual(fresh.get('D1.1'));
    expect(byCode.get('D1.2')?.targetNote).toBe('本旗县自定目标');
    expect(byCode.get('D1.2')?.evidence).toBe(fresh.get('D1.2')?.evidence);
  });
});
