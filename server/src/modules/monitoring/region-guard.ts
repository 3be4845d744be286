/**
 * Frameworks and index runs belong to the whole region: changing them (new version, save, activate, delete, import,
 * run, publish, unpublish) needs monitoring:manage whose scope covers the region, not only a part of it (a
 * region-officer role granted at a league would otherwise edit the region's framework).
 */
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { MONITORING_REGION } from './live.ts';

export async function assertRegionManager(deps: Deps, caller: Caller): Promise<void> {
  const roots = scopeRoots(caller.principal, 'monitoring:manage');
  if (!(await isWithinScope(deps.db, roots, MONITORING_REGION)))
    throw new AppError('FORBIDDEN', {
      zh: '指标体系和测算属于全区，须由管辖全区的自治区科技厅工作人员操作',
      en: 'Frameworks and index runs belong to the whole region: only region-wide staff may change them',
    });
}
