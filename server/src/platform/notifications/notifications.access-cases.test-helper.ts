/** Notifications in the cross-division matrix: a user's own only (another user's is 404, notifications.test.ts). */
import { defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/notifications': { self: true },
    'POST /api/notifications/:id/read': { self: true },
    'POST /api/notifications/read-all': { self: true },
  },
}));
