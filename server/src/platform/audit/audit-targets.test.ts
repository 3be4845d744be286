/**
 * Readable audit targets (issue 12): GET /api/audit shows an account as 姓名（用户名）, an organisation by its name, a
 * form by its county and period, keeps the raw type and id, never shows personal data, and every target type the
 * code writes has a declared, Chinese-named kind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ZAuditPage } from '../../../../contracts/audit.ts';
import { addUser, createTestApp, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';
import '../../modules/registry.ts';
import { auditTargetKinds } from '../modules/installed.ts';
import { writeAudit, type AuditEntry } from './audit.ts';

const SERVER_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function productionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : productionFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$|test-helper|harness/.test(e.name) ? [p] : [];
  });
}

describe('audit targets', () => {
  let t: TestApp;
  let auditor: Agent;
  let farmerId: number;
  let orgId: number;
  let formId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'auditor', role: 'audit-admin', division: '150000' });
    farmerId = await addUser(t, {
      username: 'farmer-xincheng',
      role: 'farmer',
      division: '150102',
      phone: '13912345678',
      idNumber: '11010519491231002X',
    });
    const db = t.db.db;
    await db.updateTable('app_user').set({ display_name: '张三' }).where('id', '=', farmerId).execute();
    const now = new Date().toISOString();
    orgId = (
      await db
        .insertInto('organisation')
        .values({
          name: '新城区农牧业技术推广中心',
          type: 'institution',
          uscc: null,
          division_code: '150102',
          status: 'active',
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    formId = (
      await db
        .insertInto('mon_submission')
        .values({
          framework_code: 'county-default',
          division_code: '150102',
          period: 2024,
          status: 'draft',
          submitted_at: null,
          approved_at: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const entries: AuditEntry[] = [
      { action: 'org.update', targetType: 'organisation', targetId: orgId, divisionCode: '150102' },
      { action: 'monitoring.submit', targetType: 'mon_submission', targetId: formId, divisionCode: '150102' },
      { action: 'user.disable', targetType: 'user', targetId: 999_999, divisionCode: '150102' },
    ];
    for (const entry of entries)
      await db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, t.app.deps.audit, { userId: null, username: 'test', ip: '127.0.0.1' }, entry),
        );
    auditor = await signInAdmin(t, 'auditor');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists each target as its kind and name, keeps the raw type and id, and shows no personal data', async () => {
    const res = await auditor.request('GET', '/api/audit?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json<z.infer<typeof ZAuditPage>>().items;
    const of = (type: string, id: number) => items.find((i) => i.targetType === type && i.targetId === String(id));
    expect(of('user', farmerId)).toMatchObject({
      target: { kindZh: '账户', kindEn: 'Account', name: '张三（farmer-xincheng）' },
    });
    expect(of('organisation', orgId)?.target).toEqual({
      kindZh: '单位',
      kindEn: 'Organisation',
      name: '新城区农牧业技术推广中心',
    });
    expect(of('mon_submission', formId)?.target).toMatchObject({ kindZh: '填报表', name: '新城区 2024年度' });
    // A record that no longer exists keeps its kind; its id stays in targetId.
    expect(of('user', 999_999)?.target).toEqual({ kindZh: '账户', kindEn: 'Account', name: null });
    // Rows without a target have none.
    expect(items.find((i) => i.targetType === null)?.target ?? null).toBeNull();
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toContain('11010519491231002X');
  });

  it('declares, with a Chinese name, every target type the production code writes', () => {
    const kinds = auditTargetKinds();
    const undeclared = new Set<string>();
    for (const file of productionFiles(SERVER_SRC))
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\btargetType: '([a-z_]+)'/g))
        if (!kinds.has(m[1]!)) undeclared.add(`${m[1]} (${path.relative(SERVER_SRC, file)})`);
    expect([...undeclared]).toEqual([]);
    expect([...kinds.values()].filter((k) => !/[\u4e00-\u9fff]/.test(k.zh)).map((k) => k.type)).toEqual([]);
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(['user', 'organisation', 'mon_submission', 'division']));
  });
});
