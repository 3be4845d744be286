/**
 * The module registry (issue 10): the manifests install once, declare every permission, audit action and notification
 * kind the code uses, and the platform reads its tables from them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ADMIN_ROLES, ROLE_CODES } from '../../../../contracts/access.ts';
import { MODULES } from '../../modules/registry.ts';
import {
  auditActionNames,
  declaredPermissions,
  importKinds,
  installModules,
  isDeclaredAuditAction,
  isDeclaredNotificationKind,
  permissionsOfRole,
} from './installed.ts';
import { defineModule } from './manifest.ts';
import { listFacts } from '../metrics/registry.ts';
import { searchSources } from '../search/source-registry.ts';
import { addUser, createTestApp, signIn, signInAdmin } from '../../test/harness.ts';

const SERVER_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function productionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...productionFiles(p));
    else if (/\.ts$/.test(e.name) && !/\.test\.ts$|test-helper|harness/.test(e.name) && !p.includes('/test/'))
      out.push(p);
  }
  return out;
}

describe('module registry', () => {
  it('lists the platform first and every module once', () => {
    expect(MODULES[0]!.code).toBe('platform');
    expect(new Set(MODULES.map((m) => m.code)).size).toBe(MODULES.length);
    // Installing the same list again is a no-op; another list is refused.
    expect(() => installModules(MODULES)).not.toThrow();
    expect(() => installModules([...MODULES])).toThrow(/already installed/);
  });

  it('builds the role -> permission table from the manifests', () => {
    expect(permissionsOfRole('audit-admin')).toEqual(['audit:read', 'audit:verify', 'profile:read', 'role:approve']);
    expect(permissionsOfRole('region-officer')).toContain('monitoring:manage');
    expect(permissionsOfRole('league-officer')).not.toContain('monitoring:manage');
    expect(permissionsOfRole('farmer')).toEqual([
      'profile:read',
      'token:own',
      'trace:capture',
      'trace:catalogue_manage',
      'trace:catalogue_read',
      'trace:query',
    ]);
    expect(permissionsOfRole('no-such-role')).toEqual([]);
    for (const role of ROLE_CODES) expect(permissionsOfRole(role).length).toBeGreaterThan(0);
    // 三员分立: no administrator reads monitoring data, approves registrations or reads personal data in full.
    for (const role of ADMIN_ROLES)
      for (const p of permissionsOfRole(role)) expect(p).not.toMatch(/^(monitoring:|registration:|pi:)/);
    for (const [code, p] of declaredPermissions()) {
      expect(p.zh.length, code).toBeGreaterThan(0);
      expect(p.en.length, code).toBeGreaterThan(0);
    }
  });

  it('refuses a manifest that repeats a permission, names an unknown role or a malformed code', async () => {
    // A fresh copy of the installed registry (this file's stays installed).
    vi.resetModules();
    const fresh = (await import('./installed.ts')).installModules;
    const a = defineModule({
      code: 'a',
      name: { zh: 'A', en: 'A' },
      permissions: { 'x:read': { zh: '读', en: 'Read', roles: ['farmer'] } },
    });
    const b = defineModule({ ...a, code: 'b' });
    expect(() => fresh([a, b])).toThrow(/declared twice/);
    vi.resetModules();
    const fresh2 = (await import('./installed.ts')).installModules;
    const bad = defineModule({
      code: 'c',
      name: { zh: 'C', en: 'C' },
      permissions: { 'x:read': { zh: '读', en: 'Read', roles: ['nobody' as never] } },
    });
    expect(() => fresh2([bad])).toThrow(/unknown role/);
    vi.resetModules();
    const fresh3 = (await import('./installed.ts')).installModules;
    expect(() => fresh3([defineModule({ ...a, permissions: { 'Read X': a.permissions['x:read'] } })])).toThrow(
      /area:verb/,
    );
  });

  it('installs facts, search sources and import kinds the manifests list', () => {
    expect(listFacts().map((f) => f.name)).toEqual(expect.arrayContaining(['organisations.count', 'experts.count']));
    expect(searchSources().map((s) => s.type)).toContain('organisation');
    expect(
      importKinds()
        .map((k) => k.kind)
        .sort(),
    ).toEqual(['market-achievements', 'market-contracts', 'organisations', 'users']);
  });

  it('names every audit action and notification kind written as a literal in production code', () => {
    const undeclaredAudit = new Set<string>();
    const undeclaredKinds = new Set<string>();
    for (const file of productionFiles(SERVER_SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:action|audit): '([a-z_]+(?:\.[a-z_]+)+)'/g))
        if (!isDeclaredAuditAction(m[1]!)) undeclaredAudit.add(`${m[1]} (${path.relative(SERVER_SRC, file)})`);
      for (const m of text.matchAll(/\baction: ([a-z]\w*) \? '([a-z_.]+)' : '([a-z_.]+)'/g))
        for (const a of [m[2]!, m[3]!]) if (!isDeclaredAuditAction(a)) undeclaredAudit.add(a);
      if (!/\bnotify\(/.test(text)) continue;
      for (const m of text.matchAll(/\bkind: '([a-z_]+(?:\.[a-z_]+)+)'/g))
        if (!isDeclaredNotificationKind(m[1]!)) undeclaredKinds.add(`${m[1]} (${path.relative(SERVER_SRC, file)})`);
    }
    expect([...undeclaredAudit]).toEqual([]);
    expect([...undeclaredKinds]).toEqual([]);
    // The workflow's actions, written as `monitoring.${action}`.
    for (const a of ['submit', 'return', 'approve', 'unlock']) {
      expect(isDeclaredAuditAction(`monitoring.${a}`)).toBe(true);
      expect(isDeclaredNotificationKind(`monitoring.${a}`)).toBe(true);
    }
  });

  it('gives every declared audit action a Chinese name (the audit log shows it instead of the code)', () => {
    const names = auditActionNames();
    expect(names.length).toBeGreaterThan(20);
    const unnamed = names.filter((n) => !/[\u4e00-\u9fff]/.test(n.zh) || n.en.trim() === '').map((n) => n.action);
    expect(unnamed).toEqual([]);
  });

  it('serves the audit action names to the audit administrator only', async () => {
    const t = await createTestApp();
    try {
      const anon = await t.app.inject({ method: 'GET', url: '/api/audit/action-names' });
      expect(anon.statusCode).toBe(401);
      await addUser(t, { username: 'names-auditor', role: 'audit-admin', division: '150000' });
      await addUser(t, { username: 'names-county', role: 'county-officer', division: '150102' });
      const audit = await signInAdmin(t, 'names-auditor');
      const res = await audit.request('GET', '/api/audit/action-names');
      expect(res.statusCode).toBe(200);
      const items = (res.json() as { items: { action: string; zh: string }[] }).items;
      expect(items).toEqual(auditActionNames());
      expect(items.find((i) => i.action === 'monitoring.run.publish')?.zh).toBe('发布测算结果');
      const county = await signIn(t, 'names-county');
      expect((await county.request('GET', '/api/audit/action-names')).statusCode).toBe(403);
      // The OpenAPI document lists every module's tags.
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { tags: { name: string }[] };
      expect(doc.tags.map((x) => x.name)).toEqual(expect.arrayContaining(['monitoring', 'organisations', 'users']));
    } finally {
      await t.close();
    }
  });
});
