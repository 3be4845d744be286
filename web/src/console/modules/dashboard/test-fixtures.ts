/** Small fixed inputs for the dashboard tests: four square counties in two leagues, and fact answers over them. */
import type { FactResult, FactValue } from '../../../../../contracts/metrics.ts';
import type { RegionFeature, RegionGeo } from './geo.ts';
import type { RegionDivisions } from './view.ts';

function square(id: string, name: string, x: number, y: number, size = 1): RegionFeature {
  return {
    type: 'Feature',
    id,
    properties: { name, cp: [x + size / 2, y + size / 2] },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    },
  };
}

/** 呼和浩特市 (150100): 新城区, 回民区; 包头市 (150200): 东河区 (small), 昆都仑区. */
export const GEO: RegionGeo = {
  type: 'FeatureCollection',
  features: [
    square('150102', '新城区', 0, 0),
    square('150103', '回民区', 1, 0),
    square('150202', '东河区', 4, 4, 0.1),
    square('150203', '昆都仑区', 2, 0),
  ],
};

export const DIVISIONS: RegionDivisions = {
  leagues: [
    { code: '150100', name: '呼和浩特市' },
    { code: '150200', name: '包头市' },
  ],
  counties: [
    { code: '150102', parentCode: '150100' },
    { code: '150103', parentCode: '150100' },
    { code: '150202', parentCode: '150200' },
    { code: '150203', parentCode: '150200' },
  ],
};

const NAMES: Record<string, string> = {
  '150000': '内蒙古自治区',
  '150100': '呼和浩特市',
  '150200': '包头市',
  '150102': '新城区',
  '150103': '回民区',
  '150202': '东河区',
  '150203': '昆都仑区',
};

export function item(code: string, breakdown: Record<string, number>): FactValue {
  return {
    divisionCode: code,
    divisionName: NAMES[code] ?? code,
    level: 'county',
    value: Object.values(breakdown).reduce((a, b) => a + b, 0),
    breakdown,
  };
}

/** A fact answer rooted at `root` with `items`; the total adds `extra` units held above the counties. */
export function fact(root: string, items: FactValue[], extra = 0): FactResult {
  const level = root.endsWith('0000') ? 'province' : root.endsWith('00') ? 'prefecture' : 'county';
  const breakdown: Record<string, number> = {};
  for (const i of items) for (const [k, v] of Object.entries(i.breakdown ?? {})) breakdown[k] = (breakdown[k] ?? 0) + v;
  return {
    fact: 'organisations.count',
    title: { zh: '在册单位数（按类型）', en: 'Active organisations (by type)' },
    unit: '个',
    periodType: 'snapshot',
    aggregation: 'sum',
    period: 'current',
    level: 'county',
    by: 'type',
    total: {
      divisionCode: root,
      divisionName: NAMES[root] ?? root,
      level,
      value: items.reduce((a, i) => a + i.value, 0) + extra,
      breakdown,
    },
    items,
    computedAt: '2026-01-05T02:30:00.000Z',
  };
}

/** The region answer over the four counties. */
export const REGION = fact('150000', [
  item('150102', { enterprise: 3, government: 1 }),
  item('150103', { enterprise: 1, social: 1 }),
  item('150202', { government: 1 }),
  item('150203', { enterprise: 5, institution: 2, government: 1 }),
]);
