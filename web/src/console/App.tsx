/** The console: antd provider in the user's language, the session, the router with the login guard. */
import { Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { setUnauthenticatedHandler } from '../shared/api.ts';
import { SessionProvider, useSession } from './session.tsx';
import { DivisionProvider } from './division.tsx';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { LoginPage } from './modules/account/pages/Login.tsx';
import { canSee, PAGES } from './nav.tsx';
import { useT } from './i18n.ts';

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function NotFound() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('页面不存在', 'Page not found')} />;
}

function Forbidden() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('您没有访问此页面的权限', 'You may not use this page')} />;
}

/** Pages behind the login: a session without a pending second factor or forced password change. */
function Guard() {
  const { session, refresh } = useSession();
  const location = useLocation();
  useEffect(() => {
    setUnauthenticatedHandler(() => void refresh());
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);
  if (session === undefined) return <Loading />;
  const next = encodeURIComponent(location.pathname + location.search);
  // The sign-in page also finishes the second factor and a password change an administrator's reset requires.
  if (session === null || session.mfaRequired || session.mustChangePassword)
    return <Navigate to={`/console/login?next=${next}`} replace />;
  return (
    <DivisionProvider session={session}>
      <ConsoleLayout>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </ConsoleLayout>
    </DivisionProvider>
  );
}

function PageGate({ index }: { index: number }) {
  const { session } = useSession();
  const page = PAGES[index];
  if (!page || !session) return <NotFound />;
  if (!canSee(page, session.permissions)) return <Forbidden />;
  const Component = page.component;
  return <Component />;
}

const router = createBrowserRouter([
  { path: '/console/login', element: <LoginPage /> },
  {
    path: '/console',
    element: <Guard />,
    children: [
      ...PAGES.map((p, i) =>
        p.path === ''
          ? { index: true, element: <PageGate index={i} /> }
          : { path: p.path, element: <PageGate index={i} /> },
      ),
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <Navigate to="/console" replace /> },
]);

function Themed() {
  const { locale } = useSession();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider
      locale={locale === 'en-US' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#0b5cad', borderRadius: 6 } }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function ConsoleApp() {
  return (
    <SessionProvider>
      <Themed />
    </SessionProvider>
  );
}
