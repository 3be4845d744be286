/**
 * One PUT of values resolves the county once: the division is read once, the caller's scope checked once for all
 * the permissions it needs (save, then answer the form with its actions) and the framework read once.
 */
import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../../../../contracts/access.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { addUser, createTestApp, type TestApp } from '../../../test/harness.ts';
import { VALID_VALUES, insertTestFramework } from './collection.test-helpers.ts';
import { saveValues } from './forms.service.ts';

/** The table a query reads or writes first (enough to tell the county, scope and framework reads apart). */
function tableOf(node: RootOperationNode): string {
  const n = node as unknown as {
    kind: string;
    from?: { froms: { table?: { identifier: { name: string } } }[] };
  };
  return `${n.kind}:${n.from?.froms[0]?.table?.identifier.name ?? ''}`;
}

describe('saving values (forms.service)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await insertTestFramework(t.db.db);
  });
  afterEach(async () => {
    await t.close();
  });

  async function callerOf(username: string, role: RoleCode, division: string): Promise<Caller> {
    const userId = await addUser(t, { username, role, division });
    return {
      principal: {
        userId,
        username,
        displayName: username,
        divisionCode: division,
        orgId: null,
        roles: [{ role, divisionCode: division }],
      },
      actor: { userId, username, ip: '127.0.0.1' },
    };
  }

  it('reads the county and the framework once and checks the scope once', async () => {
    for (const [username, role, division] of [
      ['xincheng', 'county-officer', '150102'],
      ['region', 'region-officer', '150000'],
    ] as const) {
      const caller = await callerOf(username, role, division);
      const seen: string[] = [];
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          seen.push(tableOf(args.node));
          return args.node;
        },
        transformResult: (args): Promise<QueryResult<UnknownRow>> => Promise.resolve(args.result),
      };
      const deps: Deps = { ...t.app.deps, db: t.app.deps.db.withPlugin(counter) };
      const cells = VALID_VALUES.map((v) => ({
        textValue: null,
        source: '',
        note: '',
        flags: [],
        ...v,
        value: v.value + (role === 'region-officer' ? 1 : 0),
      }));
      const form = await saveValues(deps, caller, { division: '150102', period: 2024 }, { values: cells });
      expect(form.divisionName).toBe('新城区');
      expect(form.editable).toBe(true);
      const count = (table: string) => seen.filter((q) => q === `SelectQueryNode:${table}`).length;
      expect(count('division'), role).toBe(1);
      // one scope check (isWithinScope) and one region-county check
      expect(count('division_closure'), role).toBe(2);
      // the framework is loaded once (its nodes read once)
      expect(count('mon_node'), role).toBe(1);
    }
  });
});
