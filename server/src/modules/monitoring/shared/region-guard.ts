/**
 * Frameworks and index runs belong to the whole region: changing them (new version, save, activate, delete, import,
 * run, publish, unpublish) and seeing a run before it is published need monitoring:manage whose scope covers the
 * region, not only a part of it (a region-officer role granted at a league would otherwise edit the region's
 * framework or read the unpublished results of all 103 counties). One rule for reading and writing: `managesRegion`.
 */
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

/** Whether the caller holds monitoring:manage over the whole region (not merely somewhere). */
export async function managesRegion(deps: Deps, caller: Caller): Promise<boolean> {
  const roots = scopeRoots(caller.principal, 'monitoring:manage');
  return isWithinScope(deps.db, roots, DEFAULT_REGION_CODE);
}

/** Writes: 403 with a clear message unless the caller manages the whole region. */
export async function assertRegionManager(deps: Deps, caller: Caller): Promise<void> {
  if (!(await managesRegion(deps, caller)))
    throw new AppError('FORBIDDEN', {
      zh: '指标体系和测算属于全区，须由管辖全区的自治区科技厅工作人员操作',
      en: 'Frameworks and index runs belong to the whole region: only region-wide staff may change them',
    });
}
