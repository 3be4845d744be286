/** The audit log's routes in the cross-division matrix (rows in every division come from the other files' writes). */
import { defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/audit': { list: true },
    'GET /api/audit/export.xlsx': {},
    'GET /api/audit/export.csv': {},
    'GET /api/audit/verify': {},
    'GET /api/audit/action-names': {},
  },
}));
