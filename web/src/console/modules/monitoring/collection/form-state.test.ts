import { describe, expect, it } from 'vitest';
import type { Form, FrameworkNode } from '../../../../../../contracts/monitoring.ts';
import { changedCells, draftOf, formatPercent, sectionsOf, yoy } from './form-state.ts';
import { segments } from './StatusBar.tsx';

const spec = {
  unit: '%',
  direction: 1 as const,
  points: null,
  denominator: '',
  density: 'none' as const,
  log: false,
  source: '',
  periodType: 'year' as const,
  lagMonths: 6,
  targets: {},
  targetNote: '',
  standardValue: null,
  goalposts: null,
  fact: null,
  min: 0,
  max: 100,
  maxYoyChange: 0.5,
  qualitative: false,
  valueType: 'number' as const,
  optional: false,
  evidence: '',
};
const node = (code: string, parentCode: string, valueType: 'number' | 'text' = 'number'): FrameworkNode => ({
  code,
  parentCode,
  kind: 'indicator',
  nameZh: code,
  nameEn: code,
  weight: 1,
  spec: { ...spec, valueType },
});
const dim = (code: string): FrameworkNode => ({
  code,
  parentCode: 'IDX',
  kind: 'dimension',
  nameZh: code,
  nameEn: code,
  weight: 1,
  spec: null,
});

const FORM = {
  divisionCode: '150102',
  divisionName: '新城区',
  period: 2025,
  indicators: [node('A1', 'D1'), node('A2', 'D1'), node('B1', 'D2'), node('B4', 'D2', 'text')],
  dimensions: [dim('D1'), dim('D2')],
  values: [
    {
      indicatorCode: 'A1',
      value: 1.2,
      textValue: null,
      source: '年鉴',
      note: '',
      flags: ['estimated', 'outlier'],
      version: 2,
      updatedAt: '2026-01-01T00:00:00.000Z',
      reporterName: 'x',
    },
  ],
  previous: [{ indicatorCode: 'A1', value: 1 }],
  findings: [
    { indicatorCode: 'A2', severity: 'error', kind: 'missing', message: 'm', messageEn: 'm' },
    { indicatorCode: null, severity: 'error', kind: 'rule', message: 'r', messageEn: 'r' },
  ],
} as unknown as Form;

describe('entry form state', () => {
  it('groups indicators under their dimension with saved value, last year and findings', () => {
    const s = sectionsOf(FORM);
    expect(s.map((x) => [x.dimension?.code, x.rows.map((r) => r.node.code)])).toEqual([
      ['D1', ['A1', 'A2']],
      ['D2', ['B1', 'B4']],
    ]);
    expect(s[0]!.rows[0]).toMatchObject({ previous: 1, saved: { value: 1.2 } });
    expect(s[0]!.rows[1]!.findings.map((f) => f.kind)).toEqual(['missing']);
  });

  it('keeps only the editable flags in a draft', () => {
    expect(draftOf(FORM.values[0]!)).toEqual({ value: 1.2, textValue: '', source: '年鉴', note: '', flags: ['estimated'] });
    expect(draftOf(null)).toEqual({ value: null, textValue: '', source: '', note: '', flags: [] });
  });

  it('sends only the cells that changed, numbers and text in their own field', () => {
    const drafts = new Map([
      ['A1', { ...draftOf(FORM.values[0]!), source: ' 年鉴 ' }],
      ['A2', { value: 5, textValue: '', source: '', note: '', flags: [] as [] }],
      ['B1', draftOf(null)],
      ['B4', { value: null, textValue: ' 特色 ', source: '', note: '', flags: [] as [] }],
    ]);
    expect(changedCells(FORM, drafts)).toEqual([
      { indicatorCode: 'A2', value: 5, textValue: null, source: '', note: '', flags: [] },
      { indicatorCode: 'B4', value: null, textValue: '特色', source: '', note: '', flags: [] },
    ]);
  });

  it('computes and formats the year-on-year change', () => {
    expect(yoy(1.2, 1)).toBeCloseTo(0.2, 10);
    expect(yoy(1, 0)).toBeNull();
    expect(yoy(null, 1)).toBeNull();
    expect(formatPercent(0.2)).toBe('+20%');
    expect(formatPercent(-0.125)).toBe('-12.5%');
    expect(formatPercent(null)).toBe('—');
  });

  it('splits a status count into bar segments in workflow order', () => {
    expect(segments({ approved: 1, not_started: 3, draft: 0 })).toEqual([
      { status: 'not_started', count: 3, share: 0.75 },
      { status: 'approved', count: 1, share: 0.25 },
    ]);
    expect(segments({})).toEqual([]);
  });
});
