/**
 * Framework use cases (指标体系): list and read versions, copy a version into a new draft, save a draft (tree checked
 * first), activate (the previous active version of the code retires), delete a draft, export and import workbooks.
 * Frameworks are region-wide: holders of monitoring:read read them, monitoring:manage changes them. Active and
 * retired versions are read-only. Every write is one transaction with its audit row.
 */
import { assertRegionManager } from '../shared/region-guard.ts';
import type { Framework, FrameworkSummary, SaveFrameworkRequest } from '../../../../../contracts/monitoring.ts';
import type { z } from 'zod';
import type { ZImportFrameworkQuery } from '../../../../../contracts/monitoring.ts';
import { isUniqueViolation } from '../../../db/dialect.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError, type ErrorDetail } from '../../../platform/errors/errors.ts';
import { findFact } from '../../../platform/metrics/registry.ts';
import { parseInWorker } from '../../../platform/spreadsheets/parse.ts';
import { mapHeaders, validateGrid, type RowError } from '../../../platform/spreadsheets/sheet.ts';
import * as repo from './frameworks.repository.ts';
import { frameworkSheet } from './frameworks.sheet.ts';
import { depthFirst, validateFramework, type FrameworkIssue } from './frameworks.validate.ts';
import { buildFrameworkWorkbook, frameworkFromRows } from './frameworks.workbook.ts';

const validateOptions = { factExists: (name: string) => findFact(name) !== undefined };

/** Largest framework workbook accepted. */
export const FRAMEWORK_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export async function listFrameworks(deps: Deps): Promise<{ items: FrameworkSummary[] }> {
  return { items: await repo.listFrameworks(deps.db) };
}

export async function getFramework(deps: Deps, id: number): Promise<Framework> {
  const f = await repo.loadFramework(deps.db, id);
  if (!f) throw new AppError('NOT_FOUND', { zh: '未找到该指标体系版本', en: 'Framework version not found' });
  return f;
}

/** The active version of `code`, or (no code) the latest activated framework of any code. */
export async function getActiveFramework(deps: Deps, code?: string): Promise<Framework> {
  const f = code ? await repo.loadActiveFramework(deps.db, code) : await repo.loadCurrentFramework(deps.db);
  if (!f)
    throw new AppError('NOT_FOUND', {
      zh: code ? `指标体系 ${code} 没有启用的版本` : '尚无启用的指标体系',
      en: code ? `Framework ${code} has no active version` : 'No framework is active',
    });
  return f;
}

async function draftRow(deps: Deps, id: number) {
  const row = await repo.findFrameworkRow(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', { zh: '未找到该指标体系版本', en: 'Framework version not found' });
  if (row.status !== 'draft')
    throw new AppError('INVALID_STATE', {
      zh: `${row.code} 第 ${row.version} 版已${row.status === 'active' ? '启用' : '停用'}，只读；请新建版本后修改`,
      en: `${row.code} version ${row.version} is ${row.status} and read-only; create a new version to change it`,
    });
  return row;
}

function versionConflict(err: unknown): never {
  if (isUniqueViolation(err))
    throw new AppError('CONFLICT', {
      zh: '同时有其他人创建了该体系的新版本，请刷新后重试',
      en: 'Someone created a version of this framework at the same time; reload and retry',
    });
  throw err;
}

/** Copies any version into a new draft (next version number of its code). */
export async function createVersion(deps: Deps, caller: Caller, id: number): Promise<Framework> {
  await assertRegionManager(deps, caller);
  const source = await getFramework(deps, id);
  const now = iso(deps.clock.now());
  const newId = await deps.db
    .transaction()
    .execute(async (trx) => {
      const latest = await repo.latestOfCode(trx, source.code);
      const version = (latest?.version ?? 0) + 1;
      const created = await repo.insertFramework(trx, {
        code: source.code,
        version,
        nameZh: source.nameZh,
        nameEn: source.nameEn,
        description: source.description,
        status: 'draft',
        isDefault: source.isDefault,
        settings: source.settings,
        nodes: source.nodes,
        createdBy: caller.principal.userId,
        now,
      });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'framework.version',
        targetType: 'mon_framework',
        targetId: created,
        divisionCode: caller.principal.divisionCode,
        details: { code: source.code, version, from: { id, version: source.version } },
      });
      return created;
    })
    .catch(versionConflict);
  return getFramework(deps, newId);
}

function issueDetails(issues: readonly FrameworkIssue[]): ErrorDetail[] {
  return issues.map((i) => ({
    path:
      i.node !== null
        ? `body.nodes.${i.node}.${i.field}`
        : i.rule !== undefined
          ? `body.settings.rules.${i.rule}.${i.field}`
          : `body.settings.${i.field}`,
    message: i.message,
    messageEn: i.messageEn,
  }));
}

function invalidTree(issues: readonly FrameworkIssue[]): AppError {
  return new AppError('VALIDATION', {
    zh: `指标体系有 ${issues.length} 处问题，未保存`,
    en: `The framework has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was saved`,
    details: issueDetails(issues),
  });
}

/** Replaces a draft's content after checking the tree; nodes are stored depth-first. */
export async function saveDraft(
  deps: Deps,
  caller: Caller,
  id: number,
  body: SaveFrameworkRequest,
): Promise<Framework> {
  await assertRegionManager(deps, caller);
  const row = await draftRow(deps, id);
  // Definitions belong to indicators only.
  const nodes = body.nodes.map((n) => (n.kind === 'indicator' ? n : { ...n, spec: null }));
  const issues = validateFramework(nodes, body.settings, validateOptions);
  if (issues.length > 0) throw invalidTree(issues);
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.replaceDraft(trx, id, {
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      description: body.description,
      settings: body.settings,
      nodes: depthFirst(nodes),
      now,
    });
    if (!ok) throw new AppError('INVALID_STATE', { zh: '该版本已不是草稿', en: 'This version is no longer a draft' });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'framework.update',
      targetType: 'mon_framework',
      targetId: id,
      divisionCode: caller.principal.divisionCode,
      details: {
        code: row.code,
        version: row.version,
        nodes: nodes.length,
        indicators: nodes.filter((n) => n.kind === 'indicator').length,
      },
    });
  });
  return getFramework(deps, id);
}

/** Draft -> active; the active version of the same code becomes retired. */
export async function activateFramework(deps: Deps, caller: Caller, id: number): Promise<Framework> {
  await assertRegionManager(deps, caller);
  const row = await draftRow(deps, id);
  const current = await getFramework(deps, id);
  const issues = validateFramework(current.nodes, current.settings, validateOptions);
  if (issues.length > 0) throw invalidTree(issues);
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const retired = await repo.activateDraft(trx, id, row.code, now);
    if (retired === false)
      throw new AppError('INVALID_STATE', { zh: '该版本已不是草稿', en: 'This version is no longer a draft' });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'framework.activate',
      targetType: 'mon_framework',
      targetId: id,
      divisionCode: caller.principal.divisionCode,
      details: { code: row.code, version: row.version, retired },
    });
  });
  return getFramework(deps, id);
}

export async function deleteFramework(deps: Deps, caller: Caller, id: number): Promise<{ ok: true }> {
  await assertRegionManager(deps, caller);
  const row = await draftRow(deps, id);
  if (await repo.hasRuns(deps.db, id))
    throw new AppError('INVALID_STATE', {
      zh: '已有测算使用该草稿，不能删除',
      en: 'An index run used this draft; it cannot be deleted',
    });
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDraft(trx, id)))
      throw new AppError('INVALID_STATE', { zh: '该版本已不是草稿', en: 'This version is no longer a draft' });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'framework.delete',
      targetType: 'mon_framework',
      targetId: id,
      divisionCode: caller.principal.divisionCode,
      details: { code: row.code, version: row.version },
    });
  });
  return { ok: true };
}

/** The version's workbook (re-importable), audited. */
export async function exportFramework(
  deps: Deps,
  caller: Caller,
  id: number,
): Promise<{ buffer: Buffer; fileName: string; asciiName: string }> {
  const f = await getFramework(deps, id);
  const buffer = await buildFrameworkWorkbook(f);
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: 'framework.export',
      targetType: 'mon_framework',
      targetId: id,
      divisionCode: caller.principal.divisionCode,
      details: { code: f.code, version: f.version },
    }),
  );
  return {
    buffer,
    fileName: `指标体系-${f.code}-v${f.version}.xlsx`,
    asciiName: `framework-${f.code}-v${f.version}.xlsx`,
  };
}

function importFailed(errors: readonly RowError[]): AppError {
  return new AppError('VALIDATION', {
    zh: `导入文件有 ${errors.length} 处问题，未写入任何内容`,
    en: `The file has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was written`,
    details: errors.slice(0, 500).map((e) => ({
      path: e.column ? `row ${e.row}: ${e.column}` : `row ${e.row}`,
      message: e.message,
      messageEn: e.messageEn,
    })),
  });
}

/**
 * Imports a workbook (xlsx or CSV, parsed in the worker with the upload limits) as a new draft: the next version of
 * an existing code or version 1 of a new one. All or nothing: any row problem answers 400 with the row report.
 */
export async function importFramework(
  deps: Deps,
  caller: Caller,
  bytes: Uint8Array,
  query: z.infer<typeof ZImportFrameworkQuery>,
): Promise<Framework> {
  await assertRegionManager(deps, caller);
  const { grid } = await parseInWorker(bytes, {
    limits: { maxBytes: FRAMEWORK_IMPORT_MAX_BYTES, maxRows: frameworkSheet.maxRows },
  });
  const { missing } = mapHeaders(frameworkSheet, grid.header);
  if (missing.length > 0)
    throw importFailed(
      missing.map((c) => ({
        row: 1,
        column: c.header,
        message: `缺少必填列“${c.header}”，请以导出的指标体系表为模板`,
        messageEn: `Missing column "${c.headerEn}"; start from an exported framework workbook`,
      })),
    );
  const parsed = await validateGrid(frameworkSheet, grid);
  if (parsed.errors.length > 0) throw importFailed(parsed.errors);
  if (parsed.rowCount === 0)
    throw importFailed([{ row: 2, column: '', message: '文件中没有数据行', messageEn: 'The file has no data rows' }]);
  const { nodes, settings, errors } = frameworkFromRows(parsed.rows, validateOptions);
  if (errors.length > 0) throw importFailed(errors);

  const latest = await repo.latestOfCode(deps.db, query.code);
  const nameZh = query.nameZh ?? latest?.name_zh;
  if (!nameZh)
    throw new AppError('VALIDATION', {
      zh: `编码 ${query.code} 是新的指标体系，请填写体系名称`,
      en: `${query.code} is a new framework code: give its name`,
      details: [{ path: 'querystring.nameZh', message: '请填写体系名称', messageEn: 'Name required' }],
    });
  const now = iso(deps.clock.now());
  const id = await deps.db
    .transaction()
    .execute(async (trx) => {
      const version = ((await repo.latestOfCode(trx, query.code))?.version ?? 0) + 1;
      const created = await repo.insertFramework(trx, {
        code: query.code,
        version,
        nameZh,
        nameEn: query.nameEn ?? latest?.name_en ?? '',
        description: query.description ?? latest?.description ?? '',
        status: 'draft',
        isDefault: false,
        settings,
        nodes: depthFirst(nodes),
        createdBy: caller.principal.userId,
        now,
      });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'framework.import',
        targetType: 'mon_framework',
        targetId: created,
        divisionCode: caller.principal.divisionCode,
        details: {
          code: query.code,
          version,
          fileName: query.name ?? null,
          nodes: nodes.length,
          rules: settings.rules.length,
        },
      });
      return created;
    })
    .catch(versionConflict);
  return getFramework(deps, id);
}
