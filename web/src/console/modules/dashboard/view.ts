/**
 * What the map panel shows for one fact answer: which map (the whole region, or a league's counties only), which
 * counties are coloured, and the table rows. The fact's own root decides: a province answer is the region view, a
 * league answer zooms to that league's counties, a county answer is the region map with only that county coloured.
 */
import type { FactResult } from '../../../../../contracts/metrics.ts';
import { buildCountyRows, type CountyRow, type LeagueRef } from './county-table.ts';
import { filterGeo, regionOf, type RegionGeo } from './geo.ts';
import { highlightedCodes } from './map-option.ts';
import { valueForType, type TypeFilter } from './org-types.ts';

export type ViewScope = 'region' | 'league' | 'county';

/** The region's leagues and counties (public division data) for the league column. */
export interface RegionDivisions {
  leagues: readonly LeagueRef[];
  counties: readonly { code: string; parentCode: string | null }[];
}

export interface MapView {
  scope: ViewScope;
  /** Name to register the (possibly filtered) GeoJSON under. */
  mapName: string;
  geo: RegionGeo;
  features: { code: string; name: string }[];
  /** Values of the counties the fact answered for (the caller's scope), by code. */
  values: Map<string, number>;
  /** Codes coloured on the map, in feature order. */
  highlighted: string[];
}

export function scopeOf(fact: Pick<FactResult, 'total'>): ViewScope {
  switch (fact.total.level) {
    case 'province':
      return 'region';
    case 'prefecture':
      return 'league';
    case 'county':
      return 'county';
  }
}

/** A lookup of a county's league from the division lists (unknown codes answer undefined). */
export function leagueLookup(divisions: RegionDivisions | null): (code: string) => LeagueRef | undefined {
  if (!divisions) return () => undefined;
  const leagues = new Map(divisions.leagues.map((l) => [l.code, l]));
  const parent = new Map(divisions.counties.map((c) => [c.code, c.parentCode]));
  return (code) => {
    const p = parent.get(code);
    return p ? leagues.get(p) : undefined;
  };
}

/** The map for a county-level fact answer over the region's polygons. */
export function buildMapView(input: { fact: FactResult; geo: RegionGeo; type: TypeFilter }): MapView {
  const { fact, type } = input;
  const scope = scopeOf(fact);
  const root = fact.total.divisionCode;
  const region = regionOf(root);
  const geo =
    scope === 'league'
      ? filterGeo(
          input.geo,
          fact.items.map((i) => i.divisionCode),
        )
      : input.geo;
  const known = new Set(geo.features.map((f) => f.id));
  const values = new Map(
    fact.items.filter((i) => known.has(i.divisionCode)).map((i) => [i.divisionCode, valueForType(i, type)]),
  );
  const features = geo.features.map((f) => ({ code: f.id, name: f.properties.name }));
  return {
    scope,
    mapName: scope === 'league' ? `qx-${region}-${root}` : `qx-${region}`,
    geo,
    features,
    values,
    highlighted: highlightedCodes(features, values),
  };
}

/** The table rows of a fact answer; a league answer names its own league on every row. */
export function buildTableRows(input: {
  fact: FactResult;
  divisions: RegionDivisions | null;
  type: TypeFilter;
}): CountyRow[] {
  const { fact } = input;
  const lookup = leagueLookup(input.divisions);
  const own = { code: fact.total.divisionCode, name: fact.total.divisionName };
  return buildCountyRows(fact.items, input.type, scopeOf(fact) === 'league' ? () => own : lookup);
}
