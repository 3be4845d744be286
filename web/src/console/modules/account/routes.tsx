/**
 * The signed-in user's own pages: profile (password, preferences), notifications and API tokens (menu entry for
 * holders of `token:own`: every business role; the 三员 hold no tokens). The sign-in page itself
 * (`pages/Login.tsx`) stands outside the login guard, so App.tsx routes it.
 */
import { lazy } from 'react';
import { KeyOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

export const accountRoutes: ModuleRoutes = {
  pages: [
    { path: 'profile', component: lazy(() => import('./pages/Profile.tsx')) },
    { path: 'notifications', component: lazy(() => import('./pages/Notifications.tsx')) },
    {
      path: 'tokens',
      component: lazy(() => import('./pages/ApiTokens.tsx')),
      menu: { key: 'tokens', zh: 'API 令牌', en: 'API tokens', icon: <KeyOutlined /> },
      anyOf: ['token:own'],
    },
  ],
};
