/** The reports module's routes in the cross-division matrix: a region overview per object division (`?division=`). */
import { byDivisionQuery, defineAccessCases } from '../../platform/access/matrix.test-helper.ts';

export const accessCases = defineAccessCases(() => ({
  cases: {
    'GET /api/reports/region-overview.docx': byDivisionQuery,
    'GET /api/reports/region-overview.pdf': byDivisionQuery,
  },
}));
