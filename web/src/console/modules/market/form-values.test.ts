import { describe, expect, it } from 'vitest';
import { budgetError, requestBody } from './form-values.ts';

describe('market form values', () => {
  it('drops blank optional values and nulls the nullable ones', () => {
    expect(
      requestBody({ title: ' 马铃薯 ', level: '', registrationNo: '', trl: undefined }, ['registrationNo', 'trl']),
    ).toEqual({ title: '马铃薯', registrationNo: null, trl: null });
  });

  it('refuses a budget whose lower bound exceeds the upper', () => {
    expect(budgetError(50, 10)).toMatch(/预算下限/);
    expect(budgetError(10, 50)).toBeNull();
    expect(budgetError(undefined, 50)).toBeNull();
  });
});
