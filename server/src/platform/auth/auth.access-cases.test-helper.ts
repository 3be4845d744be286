/** The sign-in routes in the cross-division matrix: all about the caller alone (auth.test.ts and its neighbours). */
import { defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/auth/session': { self: true },
    'POST /api/auth/logout': { self: true },
    'GET /api/auth/totp/setup': { self: true },
    'POST /api/auth/totp': { self: true },
    'POST /api/me/password': { self: true },
  },
}));
