/**
 * The portal's pages: path, document title and the page. The platform's own pages are listed here; a module adds its
 * portal pages with one line (its `modules/<module>/routes.tsx`). The server answers each of PORTAL_PATHS with
 * index.html: the platform's paths are listed in server/src/platform/http/web.ts and a module's in its server manifest
 * (`portalPaths`), because the server never imports the web app.
 */
import type { ReactNode } from 'react';
import type { Text } from '../shared/i18n.ts';
import { HomePage } from './Home.tsx';
import { LoginPage } from './Login.tsx';
import { RegisterPage } from './Register.tsx';
import { ResetPasswordPage } from './ResetPassword.tsx';
import { monitoringPortalRoutes } from './modules/monitoring/routes.tsx';
import { marketPortalRoutes } from './modules/market/routes.tsx';

export interface PortalRoute {
  /** The exact path (no trailing slash; '/' is the home page). */
  path: string;
  /** The document title. */
  title: Text;
  /** The page for the current URL (its query string included). */
  render: (location: URL) => ReactNode;
}

const PLATFORM_ROUTES: readonly PortalRoute[] = [
  {
    path: '/',
    title: { zh: '旗县 · 县域创新驱动发展平台', en: 'Qixian · county innovation platform' },
    render: () => <HomePage />,
  },
  {
    path: '/register',
    title: { zh: '注册 · 旗县', en: 'Register · Qixian' },
    render: (location) => <RegisterPage role={location.searchParams.get('role')} />,
  },
  { path: '/login', title: { zh: '登录 · 旗县', en: 'Sign in · Qixian' }, render: () => <LoginPage /> },
  {
    path: '/reset-password',
    title: { zh: '设置登录密码 · 旗县', en: 'Set your password · Qixian' },
    render: () => <ResetPasswordPage />,
  },
];

/** Every portal page: the platform's, then each module's (a line per module). */
export const PORTAL_ROUTES: readonly PortalRoute[] = [
  ...PLATFORM_ROUTES,
  ...monitoringPortalRoutes,
  ...marketPortalRoutes,
];

/** The paths the server answers with the portal (index.html). */
export const PORTAL_PATHS: readonly string[] = PORTAL_ROUTES.map((r) => r.path);

/** The route of a path ("/register/" is "/register"), or undefined: not a portal page. */
export function portalRoute(pathname: string): PortalRoute | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return PORTAL_ROUTES.find((r) => r.path === path);
}
