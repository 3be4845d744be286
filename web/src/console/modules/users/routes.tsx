/** Accounts: self-registrations to review, the account list and pages, and 三员审批 (admin-role approvals). */
import { lazy } from 'react';
import { SafetyCertificateOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

export const usersRoutes: ModuleRoutes = {
  pages: [
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
  ],
};
