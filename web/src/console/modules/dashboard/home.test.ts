import { describe, expect, it } from 'vitest';
import {
  entryCounty,
  formTodo,
  homeKind,
  notSubmitted,
  statusByLeague,
  topCounties,
  type SubmissionRow,
} from './home.ts';

const roles = (...r: string[]) => r.map((role) => ({ role, divisionCode: '150103' }));

describe('homeKind', () => {
  it.each([
    [['monitoring:manage', 'monitoring:read', 'metrics:read'], ['region-officer'], 'region'],
    [['monitoring:approve', 'monitoring:read', 'metrics:read'], ['league-officer'], 'league'],
    [['monitoring:enter', 'monitoring:read', 'metrics:read'], ['county-officer'], 'county'],
    [['monitoring:read', 'metrics:read'], ['unit-officer'], 'reader'],
    [['user:read', 'user:create'], ['sys-admin'], 'admin'],
    [['audit:read'], ['audit-admin'], 'admin'],
    [['profile:read'], ['enterprise'], 'member'],
    [['profile:read'], ['expert'], 'member'],
  ])('%j as %j -> %s', (permissions, held, kind) => {
    expect(homeKind({ permissions, roles: roles(...held) })).toBe(kind);
  });
});

it('entryCounty takes the county-officer role’s division', () => {
  const user = { divisionCode: '150100' } as never;
  expect(entryCounty({ roles: [{ role: 'county-officer', divisionCode: '150102' }], user })).toBe('150102');
  expect(entryCounty({ roles: [], user })).toBe('150100');
});

describe('formTodo', () => {
  const ev = (action: 'submit' | 'return', comment: string, at: string) => ({
    action,
    fromStatus: 'submitted' as const,
    toStatus: 'returned' as const,
    comment,
    actorName: '盟市',
    at,
  });
  it('gives the latest return’s comment for a returned form', () => {
    const todo = formTodo({
      status: 'returned',
      late: true,
      deadline: '2026-03-31',
      completeness: 0.5,
      events: [
        ev('return', '第一次', '2026-03-01'),
        ev('submit', '', '2026-03-02'),
        ev('return', '第二次', '2026-03-03'),
      ],
    });
    expect(todo).toMatchObject({ isOpen: true, isLate: true, returned: { comment: '第二次', by: '盟市' } });
  });
  it('has no return once the form is submitted again', () => {
    const todo = formTodo({
      status: 'submitted',
      late: false,
      deadline: '2026-03-31',
      completeness: 1,
      events: [ev('return', '旧意见', '2026-03-01')],
    });
    expect(todo).toMatchObject({ isOpen: false, returned: null });
  });
});

it('notSubmitted lists returned, then drafts, then not started', () => {
  const row = (divisionCode: string, status: SubmissionRow['status']) => ({ divisionCode, status }) as SubmissionRow;
  const rows = [
    row('150105', 'not_started'),
    row('150104', 'approved'),
    row('150103', 'draft'),
    row('150102', 'returned'),
  ];
  expect(notSubmitted(rows).map((r) => r.divisionCode)).toEqual(['150102', '150103', '150105']);
});

it('statusByLeague counts submitted, approved and missing', () => {
  const { total, leagues } = statusByLeague({
    period: 2025,
    deadline: '2026-03-31',
    counties: 5,
    byStatus: { approved: 2, league_approved: 1, submitted: 0, draft: 1, returned: 1, not_started: 0 },
    onTime: 3,
    late: 1,
    completeness: 0.8,
    leagues: [
      {
        code: '150100',
        name: '呼和浩特市',
        counties: 5,
        byStatus: { approved: 2, returned: 1 },
        completeness: 1,
        late: 1,
      },
    ],
  });
  expect(total).toMatchObject({ counties: 5, submitted: 3, approved: 2, missing: 2, late: 1 });
  expect(leagues[0]).toMatchObject({ name: '呼和浩特市', submitted: 2, approved: 2, missing: 1 });
});

it('topCounties ranks the scored counties, optionally within a set', () => {
  const c = (code: string, rank: number | null) => ({
    code,
    name: code,
    leagueName: '',
    score: null,
    rank,
    rankLow: null,
    rankHigh: null,
    tier: null,
    rankChange: null,
  });
  const all = [c('a', 3), c('b', null), c('c', 1), c('d', 2)];
  expect(topCounties(all, 2).map((x) => x.code)).toEqual(['c', 'd']);
  expect(topCounties(all, 5, new Set(['a', 'b'])).map((x) => x.code)).toEqual(['a']);
});
