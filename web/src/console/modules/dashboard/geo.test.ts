import { describe, expect, it } from 'vitest';
import { featureNames, filterGeo, labelledCodes, regionOf, toEchartsGeo } from './geo.ts';
import { GEO } from './test-fixtures.ts';

describe('region polygons', () => {
  it.each([
    ['150000', '150000'],
    ['150200', '150000'],
    ['150203', '150000'],
    ['110105', '110000'],
  ])('%s lies in province %s', (code, region) => {
    expect(regionOf(code)).toBe(region);
  });

  it('filters to the given codes in the original order', () => {
    expect(filterGeo(GEO, ['150203', '150102', '159999']).features.map((f) => f.id)).toEqual(['150102', '150203']);
    expect(filterGeo(GEO, []).features).toEqual([]);
  });

  it('gives ECharts each feature’s code as a property, without touching the source', () => {
    const out = toEchartsGeo(GEO);
    expect(out.features.map((f) => f.properties.code)).toEqual(['150102', '150103', '150202', '150203']);
    expect(out.features[0]?.properties).toMatchObject({ name: '新城区', cp: [0.5, 0.5] });
    expect(GEO.features[0]?.properties.code).toBeUndefined();
  });

  it('labels the features big enough for a name, not the small districts', () => {
    // The collection spans 4.1 x 4.1; the unit squares are ~6% of it, 东河区 (0.1 x 0.1) far less.
    expect([...labelledCodes(GEO)].sort()).toEqual(['150102', '150103', '150203']);
    expect(labelledCodes(GEO, 0.5).size).toBe(0);
    expect(labelledCodes(filterGeo(GEO, ['150202'])).size).toBe(1); // alone, it is the whole map
  });

  it('names features by code', () => {
    expect(featureNames(GEO).get('150203')).toBe('昆都仑区');
  });
});
