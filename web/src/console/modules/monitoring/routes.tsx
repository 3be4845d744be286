/** 监测评价 (monitoring): its pages in menu order, all inside the sidebar's 监测评价 submenu. */
import { lazy } from 'react';
import {
  ApartmentOutlined,
  BarChartOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  RadarChartOutlined,
} from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

export const monitoringRoutes: ModuleRoutes = {
  menuGroups: {
    monitoring: { zh: '监测评价', en: 'Monitoring', icon: <RadarChartOutlined /> },
  },
  pages: [
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
      // A county's form opened from the review list: the same page, with 数据审核 marked in the sidebar.
      path: 'monitoring/review/:division/:period',
      component: lazy(() => import('./pages/MonitoringEntry.tsx')),
      anyOf: ['monitoring:read'],
      menuParent: 'monitoring/review',
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
  ],
};
