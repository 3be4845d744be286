import { describe, expect, it } from 'vitest';
import { canCommit, importStep } from './imports.ts';

describe('import steps', () => {
  it('follows the job', () => {
    expect(importStep(null, false)).toBe(0);
    expect(importStep(null, true)).toBe(1);
    expect(importStep({ status: 'parsing' }, false)).toBe(1);
    expect(importStep({ status: 'failed' }, false)).toBe(2);
    expect(importStep({ status: 'validated' }, false)).toBe(2);
    expect(importStep({ status: 'expired' }, false)).toBe(2);
    expect(importStep({ status: 'committed' }, false)).toBe(3);
  });
  it('commits only a clean, validated report', () => {
    expect(canCommit({ status: 'validated', errorCount: 0 })).toBe(true);
    expect(canCommit({ status: 'failed', errorCount: 2 })).toBe(false);
    expect(canCommit({ status: 'expired', errorCount: 0 })).toBe(false);
    expect(canCommit(null)).toBe(false);
  });
});
