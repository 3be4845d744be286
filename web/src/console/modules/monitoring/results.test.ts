import { describe, expect, it } from 'vitest';
import {
  changeView,
  compareNullable,
  dimensionOf,
  dimensionsOf,
  filterCounties,
  filterOptions,
  formatScore,
  hasActiveRun,
  indicatorsOf,
  intervalText,
  leagueAverages,
  loggedRunOptions,
  pickRun,
  rankChange,
  runPeriods,
  tierChange,
  tierCounts,
} from './results.ts';
import { COUNTIES, FRAMEWORK, runSummary } from './test-fixtures.ts';
import { tierHex, tierName, tierTagColor } from './labels.ts';

const zh = (z: string) => z;
const en = (_: string, e: string) => e;
const tierZh = (tier: number) => tierName(tier).zh;

describe('rank with interval', () => {
  it.each([
    [{ rank: 12, rankLow: 8, rankHigh: 17 }, '12 (8–17)'],
    [{ rank: 1, rankLow: 1, rankHigh: 2.4 }, '1 (1–2)'],
    [{ rank: 2, rankLow: 1.6, rankHigh: 3 }, '2 (2–3)'],
    [{ rank: 5, rankLow: null, rankHigh: null }, '5'],
    [{ rank: null, rankLow: 3, rankHigh: 9 }, '—'],
  ])('%o -> %s', (c, text) => expect(intervalText(c)).toBe(text));
});

describe('rank and tier change', () => {
  it('counts places moved up as positive and tiers moved up as positive', () => {
    const [xincheng, kundulun, huimin] = COUNTIES;
    // the server's like-for-like change (among counties scored in both periods), not 3rd -> 1st overall
    expect(rankChange(xincheng!)).toBe(1);
    expect(rankChange({ rank: 1, previousRank: 3 })).toBe(2);
    expect(rankChange(kundulun!)).toBe(-1);
    expect(rankChange(huimin!)).toBeNull();
    expect(tierChange(xincheng!)).toBe(1);
    expect(tierChange(kundulun!)).toBe(0);
    expect(tierChange(huimin!)).toBeNull();
  });

  it('shows an arrow with the places and the new tier when it changed', () => {
    const [xincheng, kundulun, huimin, donghe] = COUNTIES;
    expect(changeView(xincheng!, zh, tierZh)).toEqual({ direction: 'up', text: '↑1', tierText: '升至一类' });
    expect(changeView(xincheng!, zh, tierZh, { tiersComparable: false })).toEqual({
      direction: 'up',
      text: '↑1',
      tierText: null,
    });
    // scored last year, not this year: not comparable, never 新
    expect(changeView(donghe!, zh, tierZh)).toEqual({ direction: 'none', text: '—', tierText: null });
    expect(changeView(kundulun!, zh, tierZh)).toEqual({ direction: 'down', text: '↓1', tierText: null });
    expect(changeView(huimin!, zh, tierZh)).toEqual({ direction: 'new', text: '新', tierText: null });
    expect(changeView({ rank: 4, previousRank: 4, tier: 3, previousTier: 2 }, en, (t) => `tier ${t}`)).toEqual({
      direction: 'same',
      text: '—',
      tierText: 'down to tier 3',
    });
  });
});

describe('tier labels', () => {
  it('names tiers 一类 … and gives each its colour', () => {
    expect([1, 2, 3].map((t) => tierName(t).zh)).toEqual(['一类', '二类', '三类']);
    expect(tierName(2).en).toBe('Tier 2');
    expect(new Set([1, 2, 3].map(tierHex)).size).toBe(3);
    expect(tierTagColor(1)).toBe('geekblue');
    expect(tierTagColor(9)).toBe('default');
  });
});

describe('framework helpers', () => {
  it('lists dimensions, scored indicators and the dimension of an indicator', () => {
    expect(dimensionsOf(FRAMEWORK).map((d) => d.code)).toEqual(['D1', 'D2']);
    // The text indicator D2.2 carries no score.
    expect(indicatorsOf(FRAMEWORK).map((d) => d.code)).toEqual(['D1.1', 'D1.2', 'D2.1']);
    expect(dimensionOf(FRAMEWORK, 'D2.1')?.code).toBe('D2');
    expect(dimensionOf(FRAMEWORK, 'nope')).toBeUndefined();
  });
});

describe('table filters', () => {
  it('filters by league, type, tier and name or code', () => {
    const codes = (f: Parameters<typeof filterCounties>[1]) => filterCounties(COUNTIES, f).map((c) => c.code);
    expect(codes({})).toHaveLength(4);
    expect(codes({ league: '150200' })).toEqual(['150203', '150202']);
    expect(codes({ type: '城区' })).toEqual(['150102', '150103']);
    expect(codes({ tier: 2 })).toEqual(['150203']);
    expect(codes({ q: '回民' })).toEqual(['150103']);
    expect(codes({ q: '150202' })).toEqual(['150202']);
    expect(codes({ q: '包头' })).toEqual(['150203', '150202']);
    expect(codes({ league: '150100', tier: 3 })).toEqual(['150103']);
  });

  it('offers the leagues, types and tiers present', () => {
    expect(filterOptions(COUNTIES)).toEqual({
      leagues: [
        { code: '150100', name: '呼和浩特市' },
        { code: '150200', name: '包头市' },
      ],
      types: ['城区', '工业'],
      tiers: [1, 2, 3],
    });
  });

  it('sorts nulls last in both directions', () => {
    const values = [3, null, 1, 2];
    expect([...values].sort((a, b) => compareNullable(a, b, 'ascend'))).toEqual([1, 2, 3, null]);
    // antd reverses the comparator for descend; nulls must still come last.
    expect([...values].sort((a, b) => -compareNullable(a, b, 'descend'))).toEqual([3, 2, 1, null]);
  });

  it('counts tiers best first and averages dimensions per league', () => {
    expect(tierCounts(COUNTIES)).toEqual([
      { tier: 1, count: 1 },
      { tier: 2, count: 1 },
      { tier: 3, count: 1 },
    ]);
    expect(leagueAverages(COUNTIES, ['D1', 'D2'])).toEqual([
      { code: '150100', name: '呼和浩特市', means: { D1: 60, D2: 72.5 } },
      { code: '150200', name: '包头市', means: { D1: 60, D2: 80 } },
    ]);
    expect(formatScore(86.25)).toBe('86.3');
    expect(formatScore(null)).toBe('—');
  });
});

describe('which run a page opens', () => {
  const runs = [
    runSummary({ id: 1, period: 2024 }),
    runSummary({ id: 2, period: 2025, publishedAt: null }),
    runSummary({ id: 3, period: 2025 }),
    runSummary({ id: 4, period: 2026, status: 'running', publishedAt: null, finishedAt: null }),
    runSummary({ id: 5, period: 2023, publishedAt: null }),
  ];

  it('opens the asked run, else the latest published run of the period, else of all', () => {
    expect(pickRun(runs, { run: 2 })?.id).toBe(2);
    expect(pickRun(runs, { run: 99 })).toBeNull();
    expect(pickRun(runs, {})?.id).toBe(3);
    expect(pickRun(runs, { period: 2024 })?.id).toBe(1);
    // Only an unpublished run in 2023 (a manager's list): it is the one.
    expect(pickRun(runs, { period: 2023 })?.id).toBe(5);
    expect(pickRun(runs, { period: 2026 })).toBeNull();
    expect(pickRun([], {})).toBeNull();
  });

  it('lists finished periods newest first and knows when to poll', () => {
    expect(runPeriods(runs)).toEqual([2025, 2024, 2023]);
    expect(hasActiveRun(runs)).toBe(true);
    expect(hasActiveRun(runs.filter((r) => r.status === 'done'))).toBe(false);
  });
});

describe('run options from the parameter log', () => {
  it('reads weights, aggregation and replications from the stage that logs them, or nothing', () => {
    const log = [
      {
        name: 'Prepare',
        options: { mode: 'ranking', weights: 'entropy', aggregation: 'geometric', replications: 100 },
      },
      { name: 'Normalise' },
    ];
    expect(loggedRunOptions(log)).toEqual({ weights: 'entropy', aggregation: 'geometric', replications: 100 });
    expect(loggedRunOptions([{ name: 'Prepare', options: { weights: 'ahp' } }, 'x', null])).toBeNull();
    expect(loggedRunOptions([])).toBeNull();
  });
});
