import { defineModule } from '../../platform/modules/manifest.ts';
import { REGION_OVERVIEW_AUDIT, registerReportRoutes } from './reports.routes.ts';

/** Reports (报告): documents composed from metrics facts, downloaded as docx or PDF. */
export const reportsModule = defineModule({
  code: 'reports',
  name: { zh: '报告', en: 'Reports' },
  tags: [{ name: 'reports', description: '报告 / reports' }],
  routes: registerReportRoutes,
  auditActions: {
    [REGION_OVERVIEW_AUDIT]: { zh: '下载区域概况报告', en: 'Region overview downloaded' },
  },
});
