/**
 * The console's pages: path, menu entry and the permission that shows it. Each module lists its own pages in its
 * `routes.tsx`; `modules/registry.ts` lists the modules, and PAGES joins them in registry order. A menu shows only
 * what the user may use; the server checks every request again. Pages load on demand (route-based code splitting).
 */
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import { CONSOLE_MODULES } from './modules/registry.ts';

/** A submenu of the sidebar: its title and icon. */
export interface MenuGroupEntry {
  zh: string;
  en: string;
  icon: ReactNode;
}

/** A submenu's name, as a module declares it in `menuGroups` and its pages name it in `menu.group`. */
export type MenuGroup = string;

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

/** What a console module's `routes.tsx` exports: its pages in menu order and the submenus they gather in. */
export interface ModuleRoutes {
  pages: readonly PageEntry[];
  /**
   * Submenus of the sidebar. A page whose `menu.group` names one is listed under it (in PAGES order); a group with
   * no visible page is not shown.
   */
  menuGroups?: Readonly<Record<MenuGroup, MenuGroupEntry>>;
}

/** Every module's submenus. */
export const MENU_GROUPS: Readonly<Record<MenuGroup, MenuGroupEntry>> = Object.fromEntries(
  CONSOLE_MODULES.flatMap((m) => Object.entries(m.menuGroups ?? {})),
);

/** Every module's pages, in registry order. */
export const PAGES: readonly PageEntry[] = CONSOLE_MODULES.flatMap((m) => m.pages);

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
