/**
 * The direction of dependencies, checked on every test run (issue 10): contracts at the bottom import nothing of
 * ours; packages import nothing of ours; platform (and db/database.ts) never import a module; the server never imports
 * web/ and web/ never imports server/; everything outside a module reaches it only through its front door
 * (`modules/<m>/index.ts`). Every relative import of every production TypeScript file is resolved and judged; tests,
 * test helpers, benches and browser journeys may reach inside modules (fixtures), as in ../shared/tools/arrows.py.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', 'data', 'coverage', '.git']);
const IMPORT = /(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

/** Test code, benches and journeys: allowed to reach inside modules for fixtures. */
function isTestCode(p: string): boolean {
  return (
    /\.test\.tsx?$|\.test-helpers?\.ts$/.test(p) ||
    p.startsWith('bench/') ||
    p.startsWith('e2e/') ||
    p.startsWith('server/src/test/') ||
    p === 'web/src/test-setup.ts'
  );
}

/** The module a repository path belongs to (`server/src/modules/<m>/…`), or null. */
function moduleOf(p: string): string | null {
  return /^server\/src\/modules\/([^/]+)\//.exec(p)?.[1] ?? null;
}

/** Why importing `to` from `from` points the wrong way, or null when it is allowed. */
export function wrongWay(from: string, to: string): string | null {
  if (from.startsWith('contracts/') && !to.startsWith('contracts/')) return 'contracts import nothing of ours';
  const pkg = /^packages\/([^/]+)\//.exec(from)?.[1];
  if (pkg && !to.startsWith(`packages/${pkg}/`)) return 'a package imports nothing of ours';
  if (from.startsWith('server/') && to.startsWith('web/')) return 'server -> web';
  if (from.startsWith('web/') && !to.startsWith('web/') && !to.startsWith('contracts/')) return 'web -> server';
  const target = moduleOf(to);
  if (target === null) return null;
  if (from.startsWith('server/src/platform/')) return 'platform -> module';
  if (from === 'server/src/db/database.ts') return 'db/database -> module';
  const source = moduleOf(from);
  if (source !== target && !to.endsWith(`modules/${target}/index.ts`)) return `deep import into module ${target}`;
  return null;
}

describe('dependency direction', () => {
  it('judges the arrows the way the architecture says', () => {
    expect(wrongWay('contracts/users.ts', 'server/src/platform/access/roles.ts')).toBe(
      'contracts import nothing of ours',
    );
    expect(wrongWay('server/src/platform/search/sources.ts', 'server/src/modules/organisations/index.ts')).toBe(
      'platform -> module',
    );
    expect(wrongWay('server/src/cli/user.ts', 'server/src/modules/users/users.admin.ts')).toBe(
      'deep import into module users',
    );
    expect(wrongWay('server/src/cli/user.ts', 'server/src/modules/users/index.ts')).toBeNull();
    expect(
      wrongWay('server/src/modules/users/users.admin.ts', 'server/src/modules/users/users.repository.ts'),
    ).toBeNull();
    expect(wrongWay('web/src/console/nav.tsx', 'server/src/platform/access/roles.ts')).toBe('web -> server');
    expect(wrongWay('server/src/modules/monitoring/neighbours.ts', 'web/scripts/build-map.ts')).toBe('server -> web');
  });

  it('finds no import pointing the wrong way in the repository', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(ROOT)) {
      const from = rel(file);
      if (isTestCode(from)) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? '';
        if (!spec.startsWith('.')) continue;
        checked++;
        const to = rel(path.resolve(path.dirname(file), spec));
        const why = wrongWay(from, to);
        if (why) problems.push(`${from}: ${spec} [${why}]`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });
});
