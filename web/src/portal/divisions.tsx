/**
 * Division picking for the portal: league (盟市) then county (旗县), from the public division API. Inner Mongolia
 * (150000, DEFAULT_REGION_CODE in contracts/region.ts) is the platform's default region.
 */
import { useEffect, useState } from 'react';
import type { Division, DivisionList } from '../../../contracts/divisions.ts';
import { api } from '../shared/api.ts';
import type { Text } from '../shared/i18n.ts';
import { useLocale, useT } from './locale.tsx';
import { DEFAULT_REGION_CODE } from '../../../contracts/region.ts';

/** Children of a division, or null while loading; an error message when the request failed. */
export function useChildren(code: string): { items: Division[] | null; failed: boolean } {
  const [state, setState] = useState<{ code: string; items: Division[] | null; failed: boolean }>({
    code: '',
    items: null,
    failed: false,
  });
  useEffect(() => {
    if (!code) return;
    const ctrl = new AbortController();
    api.get<DivisionList>(`/api/divisions/${code}/children`, undefined, ctrl.signal).then(
      (r) => setState({ code, items: r.items, failed: false }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ code, items: null, failed: !(err instanceof DOMException) });
      },
    );
    return () => ctrl.abort();
  }, [code]);
  return state.code === code ? state : { items: null, failed: false };
}

export interface DivisionSelectProps {
  idPrefix: string;
  league: string;
  county: string;
  onLeague: (code: string) => void;
  onCounty: (county: Division | null) => void;
  errors?: { league?: Text; county?: Text };
  required?: boolean;
}

/** Two labelled selects; the county list loads when a league is chosen. */
export function DivisionSelect({
  idPrefix,
  league,
  county,
  onLeague,
  onCounty,
  errors,
  required,
}: DivisionSelectProps) {
  const t = useT();
  const { locale } = useLocale();
  const leagues = useChildren(DEFAULT_REGION_CODE);
  const counties = useChildren(league);
  const leagueId = `${idPrefix}-league`;
  const countyId = `${idPrefix}-county`;
  const msg = (x?: Text) => (x ? (locale === 'en-US' ? x.en : x.zh) : null);
  const leagueError = msg(errors?.league);
  const countyError = msg(errors?.county);
  const failed = leagues.failed || counties.failed;
  return (
    <div className="pair">
      <div className="field">
        <label htmlFor={leagueId}>{t('盟市', 'League / city')}</label>
        <select
          id={leagueId}
          value={league}
          required={required}
          aria-invalid={leagueError ? true : undefined}
          aria-describedby={leagueError ? `${leagueId}-error` : undefined}
          onChange={(e) => {
            onLeague(e.target.value);
            onCounty(null);
          }}
        >
          <option value="">{leagues.items ? t('请选择盟市', 'Choose…') : t('正在加载…', 'Loading…')}</option>
          {leagues.items?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        {leagueError && (
          <p className="error" id={`${leagueId}-error`}>
            {leagueError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={countyId}>{t('旗县（区）', 'County / banner')}</label>
        <select
          id={countyId}
          value={county}
          required={required}
          disabled={!league || !counties.items}
          aria-invalid={countyError ? true : undefined}
          aria-describedby={countyError ? `${countyId}-error` : undefined}
          onChange={(e) => onCounty(counties.items?.find((d) => d.code === e.target.value) ?? null)}
        >
          <option value="">
            {!league
              ? t('先选择盟市', 'Choose a league first')
              : counties.items
                ? t('请选择旗县（区）', 'Choose…')
                : t('正在加载…', 'Loading…')}
          </option>
          {counties.items?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        {countyError && (
          <p className="error" id={`${countyId}-error`}>
            {countyError}
          </p>
        )}
      </div>
      {failed && (
        <p className="error wide" role="alert">
          {t('行政区划加载失败，请检查网络后刷新页面', 'Could not load the divisions; check the connection and reload')}
        </p>
      )}
    </div>
  );
}
