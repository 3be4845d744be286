/** 单位管理: the organisation list, its bulk import and one organisation's page. */
import { lazy } from 'react';
import { BankOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

export const organisationsRoutes: ModuleRoutes = {
  pages: [
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
  ],
};
