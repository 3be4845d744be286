/** 工作台: the console's home page and the division pages it links to. */
import { lazy } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

export const dashboardRoutes: ModuleRoutes = {
  pages: [
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
  ],
};
