/**
 * The console's pages: path, menu entry and the permission that shows it. A menu shows only what the user may use;
 * the server checks every request again. Pages load on demand (route-based code splitting).
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AuditOutlined, BankOutlined, DashboardOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';

export interface PageEntry {
  /** Path under /console (no leading slash; '' is the home page). */
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** Shown in the sidebar when set. */
  menu?: { zh: string; en: string; icon: ReactNode; key: string };
  /** Any of these permissions shows the page; none listed: every signed-in user. */
  anyOf?: string[];
}

export const PAGES: PageEntry[] = [
  {
    path: '',
    component: lazy(() => import('./pages/Dashboard.tsx')),
    menu: { key: 'dashboard', zh: '工作台', en: 'Dashboard', icon: <DashboardOutlined /> },
  },
  {
    path: 'divisions/:code',
    component: lazy(() => import('./pages/CountyPage.tsx')),
    anyOf: ['metrics:read'],
  },
  {
    path: 'organisations',
    component: lazy(() => import('./pages/Organisations.tsx')),
    menu: { key: 'organisations', zh: '单位管理', en: 'Organisations', icon: <BankOutlined /> },
    anyOf: ['org:read'],
  },
  {
    path: 'organisations/import',
    component: lazy(() => import('./pages/OrganisationImport.tsx')),
    anyOf: ['org:create'],
  },
  {
    path: 'organisations/:id',
    component: lazy(() => import('./pages/OrganisationDetail.tsx')),
    anyOf: ['org:read'],
  },
  {
    path: 'registrations',
    component: lazy(() => import('./pages/Registrations.tsx')),
    menu: { key: 'registrations', zh: '注册审核', en: 'Registrations', icon: <SolutionOutlined /> },
    anyOf: ['registration:approve'],
  },
  {
    path: 'users',
    component: lazy(() => import('./pages/Users.tsx')),
    menu: { key: 'users', zh: '用户管理', en: 'Users', icon: <TeamOutlined /> },
    anyOf: ['user:read'],
  },
  {
    path: 'users/:id',
    component: lazy(() => import('./pages/UserDetail.tsx')),
    anyOf: ['user:read'],
  },
  {
    path: 'audit',
    component: lazy(() => import('./pages/Audit.tsx')),
    menu: { key: 'audit', zh: '审计日志', en: 'Audit log', icon: <AuditOutlined /> },
    anyOf: ['audit:read'],
  },
  {
    path: 'search',
    component: lazy(() => import('./pages/Search.tsx')),
    // The permissions that make some search source visible (server/src/platform/search/sources.ts).
    anyOf: ['org:read'],
  },
  { path: 'profile', component: lazy(() => import('./pages/Profile.tsx')) },
  { path: 'notifications', component: lazy(() => import('./pages/Notifications.tsx')) },
];

export function canSee(page: PageEntry, permissions: readonly string[]): boolean {
  return !page.anyOf || page.anyOf.some((p) => permissions.includes(p));
}

/** Whether the user may use the page at `path` (global search box, home-page entrances). */
export function canUse(path: string, permissions: readonly string[]): boolean {
  const page = PAGES.find((p) => p.path === path);
  return page !== undefined && canSee(page, permissions);
}
