import { describe, expect, it } from 'vitest';
import { ZForm, ZIndicatorSpec } from '../../../../../../../contracts/monitoring.ts';
import { draftOf } from '../../collection/form-state.ts';
import { countFindings, liveCompleteness, liveFindings } from './live-checks.ts';

const spec = (over: Record<string, unknown>) => ({ unit: '家', min: 0, ...over });
const node = (code: string, s: Record<string, unknown>) => ({
  code,
  parentCode: 'D1',
  kind: 'indicator',
  nameZh: code,
  nameEn: code,
  weight: 1,
  spec: s,
});
const saved = (indicatorCode: string, value: number, note = '') => ({
  indicatorCode,
  value,
  textValue: null,
  source: '',
  note,
  flags: [],
  version: 1,
  updatedAt: '2026-03-01T00:00:00.000Z',
  reporterName: null,
});

const BASE = ZIndicatorSpec.parse({});

// Two firms counts saved; A1 was judged an outlier by the server (against the other counties).
const FORM = ZForm.parse({
  divisionCode: '150102',
  divisionName: '新城区',
  period: 2025,
  framework: {
    id: 1,
    code: 'f',
    version: 1,
    nameZh: 'f',
    nameEn: '',
    description: '',
    status: 'active',
    isDefault: false,
    indicatorCount: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    activatedAt: null,
  },
  indicators: [node('A1', { ...spec({}), unit: '家' }), node('A2', spec({})), node('A3', spec({ optional: true }))].map(
    (n) => ({ ...n, spec: { ...BASE, ...n.spec } }),
  ),
  dimensions: [],
  values: [saved('A1', 900), saved('A2', 10)],
  previous: [],
  status: 'draft',
  editable: true,
  actions: [],
  findings: [
    {
      indicatorCode: 'A1',
      severity: 'warning',
      kind: 'outlier',
      message: 'A1：数值 900 …',
      messageEn: 'A1: 900 …',
      explained: false,
    },
    { indicatorCode: null, severity: 'error', kind: 'form', message: '表级问题', messageEn: 'form' },
  ],
  events: [],
  attachments: [],
  completeness: 1,
  deadline: '2026-06-30',
  late: false,
  rules: [{ code: 'R1', kind: 'lte', left: 'A2', right: 'A1', messageZh: 'A2 不大于 A1' }],
});

const draftsOf = (over: Record<string, Partial<ReturnType<typeof draftOf>>> = {}) =>
  new Map(
    FORM.indicators.map((n) => {
      const v = FORM.values.find((x) => x.indicatorCode === n.code) ?? null;
      return [n.code, { ...draftOf(v), ...over[n.code] }];
    }),
  );

describe('checks while typing', () => {
  it("keeps the server's outlier of an unchanged value, explained again by the note being typed", () => {
    const kinds = liveFindings(FORM, draftsOf()).map((f) => [f.indicatorCode, f.kind, f.explained]);
    expect(kinds).toEqual([
      ['A1', 'outlier', false],
      [null, 'form', undefined],
    ]);
    const explained = liveFindings(FORM, draftsOf({ A1: { note: '新设园区' } }));
    expect(explained.find((f) => f.kind === 'outlier')?.explained).toBe(true);
    expect(countFindings(explained)).toEqual({ errors: 1, warnings: 0 });
  });

  it('drops the outlier once the value changes, and checks range, rules and missing values on the drafts', () => {
    const f = liveFindings(FORM, draftsOf({ A1: { value: 5 }, A2: { value: -1 } }));
    expect(f.map((x) => [x.indicatorCode, x.kind])).toEqual([
      ['A2', 'range'],
      [null, 'form'],
    ]);
    const rule = liveFindings(FORM, draftsOf({ A1: { value: 5 }, A2: { value: 8 } }));
    expect(rule.map((x) => x.kind)).toContain('rule');
    const empty = draftsOf({ A2: { value: null } });
    expect(liveFindings(FORM, empty).map((x) => [x.indicatorCode, x.kind])).toContainEqual(['A2', 'missing']);
    expect(liveCompleteness(FORM, empty)).toBe(0.5); // A3 is optional
    expect(liveCompleteness(FORM, draftsOf())).toBe(1);
  });
});
