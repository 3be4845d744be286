/** The metrics API in the cross-division matrix: a fact read per object division (`?division=`) and as a list. */
import { byDivisionQuery, defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/metrics': {},
    'GET /api/metrics/:fact': { ...byDivisionQuery, list: true, url: '/api/metrics/organisations.count' },
  },
}));
