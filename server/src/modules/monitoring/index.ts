import { defineModule } from '../../platform/modules/manifest.ts';
import { seedMonitoringDemo } from './demo/demo-seed.ts';
import { seedDefaultFramework } from './frameworks/default-framework.ts';
import { REPORT_AUDIT, reportJob } from './reports/reports.service.ts';
import { registerCollectionRoutes } from './collection/collection.routes.ts';
import { registerDiagnosisRoutes } from './diagnosis/diagnosis.routes.ts';
import { registerFrameworkRoutes } from './frameworks/frameworks.routes.ts';
import { registerPublicMonitoringRoutes } from './runs/public.routes.ts';
import { registerRunRoutes } from './runs/runs.routes.ts';
import { indexRunJob } from './runs/runs.service.ts';
import { registerReportJobRoutes } from './reports/reports.routes.ts';
import { MONITORING_AUDIT_TARGETS } from './shared/audit-targets.ts';

export { DEFAULT_FRAMEWORK_CODE, loadActiveFramework, loadFramework } from './frameworks/frameworks.repository.ts';
export { approvedValues, type CollectedValue } from './collection/values.repository.ts';
export { monitoredCounties } from './shared/counties.repository.ts';
export { liveValues, type LiveValue } from './shared/live.ts';
export { getCountyDiagnosis } from './diagnosis/diagnosis.service.ts';
export { getRunResult, loadDoneRun, publishRun } from './runs/runs.service.ts';
export { tierName } from './runs/runs.export.ts';

/**
 * 县域创新能力监测和评价 (county innovation monitoring): frameworks, data collection and approval, index runs, gap
 * analysis, views and reports. The pure engine is the package @qixian/composite-index (packages/composite-index).
 */
export const monitoringModule = defineModule({
  code: 'monitoring',
  name: { zh: '监测评价', en: 'Monitoring' },
  portalPaths: ['/monitoring'],
  tags: [{ name: 'monitoring', description: '县域创新能力监测评价 / county innovation monitoring' }],
  permissions: {
    'monitoring:read': {
      zh: '查看监测结果与数据',
      en: 'Read monitoring results and data',
      roles: ['region-officer', 'league-officer', 'county-officer', 'unit-officer'],
    },
    'monitoring:enter': {
      zh: '填报监测数据',
      en: 'Enter monitoring data',
      roles: ['region-officer', 'county-officer'],
    },
    'monitoring:approve': {
      zh: '审核监测数据',
      en: 'Approve monitoring data',
      roles: ['region-officer', 'league-officer'],
    },
    'monitoring:manage': {
      zh: '管理指标体系、测算与发布',
      en: 'Manage frameworks, runs and publication',
      roles: ['region-officer'],
    },
  },
  routes(app, deps) {
    registerFrameworkRoutes(app, deps);
    registerCollectionRoutes(app, deps);
    registerRunRoutes(app, deps);
    registerDiagnosisRoutes(app, deps);
    registerReportJobRoutes(app, deps);
    registerPublicMonitoringRoutes(app, deps);
  },
  jobKinds: [indexRunJob, reportJob],
  seeds: { reference: seedDefaultFramework, demo: seedMonitoringDemo },
  notificationKinds: {
    'monitoring.submit': { zh: '监测数据已提交', en: 'Monitoring data submitted' },
    'monitoring.return': { zh: '监测数据被退回', en: 'Monitoring data returned' },
    'monitoring.approve': { zh: '监测数据审核通过', en: 'Monitoring data approved' },
    'monitoring.unlock': { zh: '已审定数据被解锁', en: 'Approved data unlocked' },
    'monitoring.run.published': { zh: '监测结果已发布', en: 'Monitoring results published' },
  },
  auditTargets: MONITORING_AUDIT_TARGETS,
  auditActions: {
    'framework.import': { zh: '导入指标体系', en: 'Import framework' },
    'framework.export': { zh: '导出指标体系', en: 'Export framework' },
    'framework.update': { zh: '保存指标体系草稿', en: 'Save framework draft' },
    'framework.version': { zh: '新建指标体系版本', en: 'New framework version' },
    'framework.activate': { zh: '启用指标体系', en: 'Activate framework' },
    'framework.delete': { zh: '删除指标体系草稿', en: 'Delete framework draft' },
    'monitoring.values.save': { zh: '保存监测数据', en: 'Monitoring values saved' },
    'monitoring.values.import': { zh: '导入县域监测数据', en: 'County values imported' },
    'monitoring.values.bulk_import': { zh: '批量导入监测数据', en: 'Values bulk-imported' },
    'monitoring.attachment.upload': { zh: '上传佐证材料', en: 'Evidence uploaded' },
    'monitoring.attachment.delete': { zh: '删除佐证材料', en: 'Evidence deleted' },
    'monitoring.submit': { zh: '提交监测数据', en: 'Data submitted' },
    'monitoring.return': { zh: '退回监测数据', en: 'Data returned' },
    'monitoring.approve': { zh: '审核通过监测数据', en: 'Data approved' },
    'monitoring.unlock': { zh: '解锁已审定数据', en: 'Approved data unlocked' },
    'monitoring.run.create': { zh: '新建指数测算', en: 'Index run created' },
    'monitoring.run.export': { zh: '导出测算结果', en: 'Run results exported' },
    'monitoring.run.publish': { zh: '发布测算结果', en: 'Run published' },
    'monitoring.run.unpublish': { zh: '撤回发布', en: 'Run unpublished' },
    [REPORT_AUDIT]: { zh: '生成监测报告', en: 'Monitoring report requested' },
  },
});
