/**
 * Import jobs in the cross-division matrix: they belong to their uploader (scope self; another user's job is 404,
 * imports.test.ts). Each import kind's template and upload routes are cased by the module that declares the kind.
 */
import { defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/imports/:id': { self: true },
    'POST /api/imports/:id/commit': { self: true },
  },
}));
