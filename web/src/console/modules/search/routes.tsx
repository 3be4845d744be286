/** 全文检索: the results page of the header's search box (platform/search on the server). */
import { lazy } from 'react';
import type { ModuleRoutes } from '../../nav.tsx';

export const searchRoutes: ModuleRoutes = {
  pages: [
    {
      path: 'search',
      component: lazy(() => import('./pages/Search.tsx')),
      // The permissions that make some search source visible (the search sources the server's modules define).
      anyOf: ['org:read'],
    },
  ],
};
