/**
 * The signed-in user's own pages: profile (password, preferences) and notifications. The sign-in page itself
 * (`pages/Login.tsx`) stands outside the login guard, so App.tsx routes it.
 */
import { lazy } from 'react';
import type { ModuleRoutes } from '../../nav.tsx';

export const accountRoutes: ModuleRoutes = {
  pages: [
    { path: 'profile', component: lazy(() => import('./pages/Profile.tsx')) },
    { path: 'notifications', component: lazy(() => import('./pages/Notifications.tsx')) },
  ],
};
