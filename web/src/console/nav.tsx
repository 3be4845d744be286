/**
 * The console's pages: path, menu entry and the permission that shows it. A menu shows only what the user may use;
 * the server checks every request again. Pages load on demand (route-based code splitting).
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FundProjectionScreenOutlined,
  RadarChartOutlined,
  SolutionOutlined,
  TeamOutlined,
  ExperimentOutlined,
  FormOutlined,
  FileDoneOutlined,
  BarChartOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';

/**
 * Submenus of the sidebar. A page whose `menu.group` names one is listed under it (in PAGES order); a group with no
 * visible page is not shown. Add a group here, then set `group` on its pages.
 */
export const MENU_GROUPS = {
  monitoring: { zh: '监测评价', en: 'Monitoring', icon: <RadarChartOutlined /> },
} as const satisfies Record<string, { zh: string; en: string; icon: ReactNode }>;
export type MenuGroup = keyof typeof MENU_GROUPS;

export interface PageEntry {
  /** Path under /console (no leading slash; '' is the home page). */
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** Shown in the sidebar when set; with `group`, inside that submenu (MENU_GROUPS). */
  menu?: { zh: string; en: string; icon: ReactNode; key: string; group?: MenuGroup };
  /** Any of these permissions shows the page; none listed: every signed-in user. */
  anyOf?: string[];
  /** A page without a menu entry marks this page's entry as current instead (a county profile -> the results). */
  menuParent?: string;
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
    // 三员审批: admin-role grants and revocations waiting for a second administrator (two-person rule).
    path: 'role-requests',
    component: lazy(() => import('./pages/RoleRequests.tsx')),
    menu: { key: 'role-requests', zh: '三员审批', en: 'Admin approvals', icon: <SafetyCertificateOutlined /> },
    anyOf: ['role:approve'],
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
  // 监测评价 (monitoring): pages of the group in menu order; other monitoring pages join with group: 'monitoring'.
  {
    path: 'monitoring/results',
    component: lazy(() => import('./pages/MonitoringResults.tsx')),
    menu: {
      key: 'monitoring-results',
      zh: '监测结果',
      en: 'Results',
      icon: <FundProjectionScreenOutlined />,
      group: 'monitoring',
    },
    anyOf: ['monitoring:read'],
  },
  {
    path: 'monitoring/counties/:code',
    component: lazy(() => import('./pages/MonitoringCounty.tsx')),
    anyOf: ['monitoring:read'],
    menuParent: 'monitoring/results',
  },
  {
    path: 'monitoring/entry',
    component: lazy(() => import('./pages/MonitoringEntry.tsx')),
    menu: { key: 'monitoring-entry', zh: '数据填报', en: 'Data entry', icon: <FormOutlined />, group: 'monitoring' },
    anyOf: ['monitoring:enter'],
  },
  {
    // Reviewers and readers open a county's form here too (read-only unless they may enter).
    path: 'monitoring/entry/:division/:period',
    component: lazy(() => import('./pages/MonitoringEntry.tsx')),
    anyOf: ['monitoring:read'],
  },
  {
    path: 'monitoring/review',
    component: lazy(() => import('./pages/MonitoringReview.tsx')),
    menu: {
      key: 'monitoring-review',
      zh: '数据审核',
      en: 'Data review',
      icon: <FileDoneOutlined />,
      group: 'monitoring',
    },
    anyOf: ['monitoring:approve'],
  },
  {
    path: 'monitoring/progress',
    component: lazy(() => import('./pages/MonitoringProgress.tsx')),
    menu: {
      key: 'monitoring-progress',
      zh: '填报进度',
      en: 'Progress',
      icon: <BarChartOutlined />,
      group: 'monitoring',
    },
    anyOf: ['monitoring:read'],
  },
  {
    path: 'monitoring/runs',
    component: lazy(() => import('./pages/MonitoringRuns.tsx')),
    menu: {
      key: 'monitoring-runs',
      zh: '测算管理',
      en: 'Index runs',
      icon: <ExperimentOutlined />,
      group: 'monitoring',
    },
    anyOf: ['monitoring:manage'],
  },
  {
    path: 'monitoring/frameworks',
    component: lazy(() => import('./pages/MonitoringFrameworks.tsx')),
    menu: {
      key: 'monitoring-frameworks',
      zh: '指标体系',
      en: 'Indicator framework',
      icon: <ApartmentOutlined />,
      group: 'monitoring',
    },
    anyOf: ['monitoring:read'],
  },
  {
    path: 'monitoring/frameworks/:id',
    component: lazy(() => import('./pages/MonitoringFrameworkDetail.tsx')),
    anyOf: ['monitoring:read'],
  },
  { path: 'profile', component: lazy(() => import('./pages/Profile.tsx')) },
  { path: 'notifications', component: lazy(() => import('./pages/Notifications.tsx')) },
];

export function canSee(page: PageEntry, permissions: readonly string[]): boolean {
  return !page.anyOf || page.anyOf.some((p) => permissions.includes(p));
}

/** The sidebar path of a page ('' is /console). */
export function menuPath(page: Pick<PageEntry, 'path'>): string {
  return page.path === '' ? '/console' : `/console/${page.path}`;
}

export interface MenuLeaf {
  kind: 'page';
  key: string;
  page: PageEntry;
}
export interface MenuBranch {
  kind: 'group';
  key: string;
  group: MenuGroup;
  children: MenuLeaf[];
}

/**
 * The sidebar's entries for a user: visible pages with a menu in PAGES order; pages of a group gathered into one
 * submenu placed where its first visible page stands. Keys are the pages' paths, `group:<name>` for submenus.
 */
export function menuEntries(
  permissions: readonly string[],
  pages: readonly PageEntry[] = PAGES,
): (MenuLeaf | MenuBranch)[] {
  const out: (MenuLeaf | MenuBranch)[] = [];
  const groups = new Map<MenuGroup, MenuBranch>();
  for (const page of pages) {
    if (!page.menu || !canSee(page, permissions)) continue;
    const leaf: MenuLeaf = { kind: 'page', key: menuPath(page), page };
    const group = page.menu.group;
    if (!group) {
      out.push(leaf);
      continue;
    }
    let branch = groups.get(group);
    if (!branch) {
      branch = { kind: 'group', key: `group:${group}`, group, children: [] };
      groups.set(group, branch);
      out.push(branch);
    }
    branch.children.push(leaf);
  }
  return out;
}

/** Whether `pathname` is the page's path (`:param` segments match any one segment). */
function matchesPage(pattern: string, pathname: string): boolean {
  const a = menuPath({ path: pattern }).split('/');
  const b = pathname.replace(/\/+$/, '').split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

/**
 * The entry to mark as current: the longest page key that is the path or a parent of it, and its group; a page
 * with `menuParent` (and no entry of its own) marks its parent's entry.
 */
export function selectedEntry(
  entries: readonly (MenuLeaf | MenuBranch)[],
  path: string,
  pages: readonly PageEntry[] = PAGES,
): { key: string; group: string | null } | null {
  const parent = pages.find((p) => p.menuParent !== undefined && matchesPage(p.path, path))?.menuParent;
  const pathname = parent !== undefined ? menuPath({ path: parent }) : path;
  let best: { key: string; group: string | null } | null = null;
  const consider = (key: string, group: string | null) => {
    const hit = pathname === key || (key !== '/console' && pathname.startsWith(key + '/'));
    if (hit && (!best || key.length > best.key.length)) best = { key, group };
  };
  for (const e of entries) {
    if (e.kind === 'page') consider(e.key, null);
    else for (const c of e.children) consider(c.key, e.key);
  }
  return best;
}

/** Whether the user may use the page at `path` (global search box, home-page entrances). */
export function canUse(path: string, permissions: readonly string[]): boolean {
  const page = PAGES.find((p) => p.path === path);
  return page !== undefined && canSee(page, permissions);
}
