/** Background jobs in the cross-division matrix: a user's own only (another user's job is 404, jobs.test.ts). */
import { defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/jobs': { self: true },
    'GET /api/jobs/:id': { self: true },
    'GET /api/jobs/:id/file': { self: true },
  },
}));
