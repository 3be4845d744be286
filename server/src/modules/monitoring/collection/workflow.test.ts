import { describe, expect, it } from 'vitest';
import { availableActions, isEditableStatus, nextActor, transition, type Capabilities } from './workflow.ts';

const county: Capabilities = { enter: true, approve: false, manage: false };
const league: Capabilities = { enter: false, approve: true, manage: false };
const region: Capabilities = { enter: true, approve: true, manage: true };
const nobody: Capabilities = { enter: false, approve: false, manage: false };

describe('approval state machine', () => {
  it.each([
    ['not_started', 'submit', county, 'submitted'],
    ['draft', 'submit', county, 'submitted'],
    ['returned', 'submit', county, 'submitted'],
    ['submitted', 'approve', league, 'league_approved'],
    ['submitted', 'approve', region, 'league_approved'],
    ['submitted', 'return', league, 'returned'],
    ['league_approved', 'approve', region, 'approved'],
    ['league_approved', 'return', region, 'returned'],
    ['approved', 'unlock', region, 'returned'],
  ] as const)('%s --%s--> %s', (from, action, caps, to) => {
    expect(transition(from, action, caps)).toMatchObject({ ok: true, to });
  });

  it.each([
    ['submitted', 'approve', county],
    ['league_approved', 'approve', league],
    ['league_approved', 'return', league],
    ['approved', 'unlock', league],
    ['draft', 'submit', league],
    ['submitted', 'approve', nobody],
  ] as const)('%s: %s is refused for lack of permission', (from, action, caps) => {
    expect(transition(from, action, caps)).toEqual({ ok: false, reason: 'permission' });
  });

  it.each([
    ['submitted', 'submit'],
    ['approved', 'submit'],
    ['draft', 'approve'],
    ['returned', 'return'],
    ['approved', 'approve'],
    ['approved', 'return'],
    ['submitted', 'unlock'],
    ['not_started', 'approve'],
  ] as const)('%s: %s is refused by state', (from, action) => {
    expect(transition(from, action, region)).toEqual({ ok: false, reason: 'state' });
  });

  it('requires a comment to return or unlock, not to submit or approve', () => {
    expect(transition('submitted', 'return', league)).toMatchObject({ commentRequired: true });
    expect(transition('approved', 'unlock', region)).toMatchObject({ commentRequired: true });
    expect(transition('draft', 'submit', county)).toMatchObject({ commentRequired: false });
    expect(transition('submitted', 'approve', league)).toMatchObject({ commentRequired: false });
  });

  it('keeps two approval steps even for the region', () => {
    expect(availableActions('submitted', region)).toEqual(['return', 'approve']);
    expect(transition('submitted', 'approve', region)).toMatchObject({ to: 'league_approved' });
    expect(availableActions('league_approved', region)).toEqual(['return', 'approve']);
  });

  it('lists the actions open to each role', () => {
    expect(availableActions('draft', county)).toEqual(['submit']);
    expect(availableActions('submitted', county)).toEqual([]);
    expect(availableActions('submitted', league)).toEqual(['return', 'approve']);
    expect(availableActions('league_approved', league)).toEqual([]);
    expect(availableActions('approved', region)).toEqual(['unlock']);
    expect(availableActions('approved', county)).toEqual([]);
  });

  it('is editable before submission and after a return only', () => {
    expect(['not_started', 'draft', 'returned'].every((s) => isEditableStatus(s as 'draft'))).toBe(true);
    expect(['submitted', 'league_approved', 'approved'].some((s) => isEditableStatus(s as 'draft'))).toBe(false);
    expect(nextActor('submitted')).toBe('league');
    expect(nextActor('league_approved')).toBe('region');
    expect(nextActor('approved')).toBeNull();
  });
});
