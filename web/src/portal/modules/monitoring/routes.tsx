/** 监测评价 on the portal: the published county innovation monitoring results. */
import type { PortalRoute } from '../../routes.tsx';
import { MonitoringPage } from './Monitoring.tsx';

export const monitoringPortalRoutes: readonly PortalRoute[] = [
  {
    path: '/monitoring',
    title: { zh: '县域创新能力监测结果 · 旗县', en: 'County innovation monitoring results · Qixian' },
    render: () => <MonitoringPage />,
  },
];
