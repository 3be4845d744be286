/** 审计日志: the hash-chained audit log (platform/audit on the server). */
import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

export const auditRoutes: ModuleRoutes = {
  pages: [
    {
      path: 'audit',
      component: lazy(() => import('./pages/Audit.tsx')),
      menu: { key: 'audit', zh: '审计日志', en: 'Audit log', icon: <AuditOutlined /> },
      anyOf: ['audit:read'],
    },
  ],
};
