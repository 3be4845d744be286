/**
 * The console's modules, a line each, in menu order: nav.tsx joins their pages into the router and the sidebar.
 * A new console module is its folder (`routes.tsx`, `pages/`, `components/`, pure cores beside them) plus one line
 * here. Server modules and console modules match by name where both exist.
 */
import type { ModuleRoutes } from '../nav.tsx';
import { dashboardRoutes } from './dashboard/routes.tsx';
import { organisationsRoutes } from './organisations/routes.tsx';
import { usersRoutes } from './users/routes.tsx';
import { auditRoutes } from './audit/routes.tsx';
import { searchRoutes } from './search/routes.tsx';
import { monitoringRoutes } from './monitoring/routes.tsx';
import { marketRoutes } from './market/routes.tsx';
import { accountRoutes } from './account/routes.tsx';

export const CONSOLE_MODULES: readonly ModuleRoutes[] = [
  dashboardRoutes,
  organisationsRoutes,
  usersRoutes,
  auditRoutes,
  searchRoutes,
  monitoringRoutes,
  marketRoutes,
  accountRoutes,
];
