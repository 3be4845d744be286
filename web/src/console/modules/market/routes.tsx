/**
 * 技术市场 (technology-transfer market): its pages in menu order inside the sidebar's 技术市场 submenu. Each entry
 * shows by the permission its API asks for; detail and form pages mark their list's entry as current.
 */
import { lazy } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  FileProtectOutlined,
  MessageOutlined,
  ProjectOutlined,
  RocketOutlined,
  ShopOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { ModuleRoutes } from '../../nav.tsx';

const achievementForm = lazy(() => import('./pages/AchievementEdit.tsx'));
const demandForm = lazy(() => import('./pages/DemandEdit.tsx'));

export const marketRoutes: ModuleRoutes = {
  menuGroups: {
    market: { zh: '技术市场', en: 'Technology market', icon: <ShopOutlined /> },
  },
  pages: [
    {
      path: 'market/achievements',
      component: lazy(() => import('./pages/Achievements.tsx')),
      menu: { key: 'market-achievements', zh: '技术成果', en: 'Achievements', icon: <BulbOutlined />, group: 'market' },
      anyOf: ['market:read'],
    },
    {
      path: 'market/achievements/new',
      component: achievementForm,
      anyOf: ['market:post_achievement'],
      menuParent: 'market/achievements',
    },
    {
      path: 'market/achievements/:id/edit',
      component: achievementForm,
      anyOf: ['market:post_achievement'],
      menuParent: 'market/achievements',
    },
    {
      path: 'market/achievements/:id',
      component: lazy(() => import('./pages/AchievementDetail.tsx')),
      anyOf: ['market:read'],
      menuParent: 'market/achievements',
    },
    {
      path: 'market/demands',
      component: lazy(() => import('./pages/Demands.tsx')),
      menu: { key: 'market-demands', zh: '技术需求', en: 'Demands', icon: <SolutionOutlined />, group: 'market' },
      anyOf: ['market:read'],
    },
    { path: 'market/demands/new', component: demandForm, anyOf: ['market:post_demand'], menuParent: 'market/demands' },
    {
      path: 'market/demands/:id/edit',
      component: demandForm,
      anyOf: ['market:post_demand'],
      menuParent: 'market/demands',
    },
    {
      path: 'market/demands/:id',
      component: lazy(() => import('./pages/DemandDetail.tsx')),
      anyOf: ['market:read'],
      menuParent: 'market/demands',
    },
    {
      path: 'market/nda',
      component: lazy(() => import('./pages/NdaRequests.tsx')),
      menu: { key: 'market-nda', zh: '保密申请', en: 'NDA requests', icon: <FileProtectOutlined />, group: 'market' },
      anyOf: ['market:read'],
    },
    {
      path: 'market/deals',
      component: lazy(() => import('./pages/Deals.tsx')),
      menu: { key: 'market-deals', zh: '交易洽谈', en: 'Deals', icon: <MessageOutlined />, group: 'market' },
      anyOf: ['market:deal', 'market:oversee'],
    },
    {
      path: 'market/deals/:id',
      component: lazy(() => import('./pages/DealRoom.tsx')),
      anyOf: ['market:read'],
      menuParent: 'market/deals',
    },
    {
      path: 'market/startup-requests',
      component: lazy(() => import('./pages/StartupRequests.tsx')),
      menu: {
        key: 'market-startup',
        zh: '创业对接',
        en: 'Start-up requests',
        icon: <RocketOutlined />,
        group: 'market',
      },
      anyOf: ['market:startup_handle'],
    },
    {
      path: 'market/contracts',
      component: lazy(() => import('./pages/Contracts.tsx')),
      menu: { key: 'market-contracts', zh: '技术合同', en: 'Contracts', icon: <AuditOutlined />, group: 'market' },
      anyOf: ['market:contract_read'],
    },
    {
      path: 'market/contract-stats',
      component: lazy(() => import('./pages/ContractStats.tsx')),
      menu: {
        key: 'market-contract-stats',
        zh: '合同统计',
        en: 'Contract statistics',
        icon: <BarChartOutlined />,
        group: 'market',
      },
      anyOf: ['market:contract_read'],
    },
    {
      path: 'market/projects',
      component: lazy(() => import('./pages/ProjectBoard.tsx')),
      menu: {
        key: 'market-projects',
        zh: '转化项目',
        en: 'Transfer projects',
        icon: <ProjectOutlined />,
        group: 'market',
      },
      anyOf: ['market:project_read'],
    },
  ],
};
