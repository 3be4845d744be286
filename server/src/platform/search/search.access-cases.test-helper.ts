/**
 * Search in the cross-division matrix: lists filtered by the source's permission (organisations: org:read), over the
 * `organisation` rows another case file makes in every object division (目标单位…).
 */
import { defineAccessCases } from '../access/matrix.test-helper.ts';

export const accessCases = defineAccessCases((ctx) => ({
  cases: {
    'GET /api/search': {
      list: true,
      emptyWithout: 'org:read',
      query: () => 'q=%E7%9B%AE%E6%A0%87%E5%8D%95%E4%BD%8D',
    },
    'GET /api/search/similar': {
      list: true,
      emptyWithout: 'org:read',
      query: (d) => `type=organisation&id=${ctx.rows.get('organisation')?.get(d)}`,
    },
  },
}));
