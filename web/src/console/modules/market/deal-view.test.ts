import { describe, expect, it } from 'vitest';
import { currentStepIndex, dealActions } from './deal-view.ts';

const step = (code: string, b: boolean, s: boolean) => ({
  code,
  buyerApprovedAt: b ? '2026-12-08T08:00:00Z' : null,
  sellerApprovedAt: s ? '2026-12-08T08:00:00Z' : null,
});
const base = { status: 'negotiating', myRole: 'buyer' as const, ndaStatus: 'approved', offers: [], steps: [] };

describe('deal room actions', () => {
  it('lets the buyer proceed only once the NDA is approved', () => {
    expect(dealActions({ ...base, status: 'nda', ndaStatus: 'pending' }).proceed).toBe(false);
    expect(dealActions({ ...base, status: 'nda' }).proceed).toBe(true);
    expect(dealActions({ ...base, status: 'nda' }).talk).toBe(false);
  });

  it("accepts only the other side's pending offers", () => {
    const offers = [
      { id: 1, fromRole: 'seller', status: 'pending' },
      { id: 2, fromRole: 'buyer', status: 'pending' },
      { id: 3, fromRole: 'seller', status: 'countered' },
    ];
    expect(dealActions({ ...base, offers }).accept).toEqual([1]);
  });

  it('approves steps not yet approved by me, 签署 after the other three', () => {
    const steps = [
      step('terms', true, true),
      step('payment', false, true),
      step('ip', true, false),
      step('signing', false, false),
    ];
    expect(dealActions({ ...base, status: 'contracting', steps }).approve).toEqual(['payment']);
    const done = [
      step('terms', true, true),
      step('payment', true, true),
      step('ip', true, true),
      step('signing', false, true),
    ];
    expect(dealActions({ ...base, status: 'contracting', steps: done }).approve).toEqual(['signing']);
  });

  it('offers nothing to an officer reading or on a closed deal', () => {
    expect(dealActions({ ...base, myRole: null }).decline).toBe(false);
    expect(dealActions({ ...base, status: 'signed' }).talk).toBe(false);
  });

  it('points the contract steps at the first one not approved by both, past the end once signed', () => {
    const steps = [step('terms', true, true), step('payment', true, false), step('ip', false, false)];
    expect(currentStepIndex(steps)).toBe(1);
    expect(currentStepIndex([step('terms', true, true), step('signing', true, true)])).toBe(2);
    expect(currentStepIndex([])).toBe(0);
  });
});
