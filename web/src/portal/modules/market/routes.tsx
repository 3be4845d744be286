/**
 * 技术市场 on the portal: 科技成果 and 技术需求 (summaries, no sign-in). `?id=` opens one record. The pages load on
 * demand, so the portal's first load does not carry them.
 */
import { lazy, Suspense } from 'react';
import type { PortalRoute } from '../../routes.tsx';
import type { Kind } from './portal-market.ts';

const MarketListPage = lazy(() => import('./MarketPages.tsx').then((m) => ({ default: m.MarketListPage })));
const MarketDetailPage = lazy(() => import('./MarketDetail.tsx').then((m) => ({ default: m.MarketDetailPage })));
const StartupPage = lazy(() => import('./Startup.tsx').then((m) => ({ default: m.StartupPage })));

function page(kind: Kind, location: URL) {
  const id = Number(location.searchParams.get('id'));
  return (
    <Suspense fallback={<p aria-busy="true">…</p>}>
      {Number.isInteger(id) && id > 0 ? <MarketDetailPage kind={kind} id={id} /> : <MarketListPage kind={kind} />}
    </Suspense>
  );
}

export const marketPortalRoutes: readonly PortalRoute[] = [
  {
    path: '/market/achievements',
    title: { zh: '科技成果 · 技术市场 · 旗县', en: 'Achievements · Technology market · Qixian' },
    render: (location) => page('achievements', location),
  },
  {
    path: '/market/demands',
    title: { zh: '技术需求 · 技术市场 · 旗县', en: 'Demands · Technology market · Qixian' },
    render: (location) => page('demands', location),
  },
  {
    path: '/market/startup',
    title: { zh: '创业技术库 · 技术市场 · 旗县', en: 'Start-up library · Technology market · Qixian' },
    render: (location) => {
      const id = Number(location.searchParams.get('id'));
      return (
        <Suspense fallback={<p aria-busy="true">…</p>}>
          <StartupPage id={Number.isInteger(id) && id > 0 ? id : null} />
        </Suspense>
      );
    },
  },
];
