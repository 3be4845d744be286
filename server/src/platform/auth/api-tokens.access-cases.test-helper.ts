/**
 * API token routes in the cross-division matrix. One's own tokens are about the caller alone (api-tokens.test.ts);
 * the administrators' list and revocation are tried over tokens of accounts in every object division (made directly,
 * no audit rows), owned by fixture accounts that are none of the matrix principals.
 */
import { addUser } from '../../test/harness.ts';
import { defineAccessCases, OBJECT_DIVISIONS, type MatrixContext } from '../access/matrix.test-helper.ts';
import { generateApiToken } from './api-tokens.ts';
import './api-tokens.tables.ts';

/** A live token of a fresh farmer account in `division`; returns its id. */
async function makeToken(ctx: MatrixContext, division: string): Promise<number> {
  const userId = await addUser(ctx.t, { username: `token-owner-${ctx.next()}`, role: 'farmer', division });
  const { hash, prefix } = generateApiToken();
  const row = await ctx.t.db.db
    .insertInto('api_token')
    .values({
      user_id: userId,
      name: `矩阵令牌${ctx.next()}`,
      token_hash: hash,
      prefix,
      created_at: new Date().toISOString(),
      created_by: userId,
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const accessCases = defineAccessCases((ctx) => ({
  cases: {
    'GET /api/tokens': { self: true },
    'POST /api/tokens': { self: true },
    'DELETE /api/tokens/:id': { self: true },
    'GET /api/admin/tokens': { list: true },
    'DELETE /api/admin/tokens/:id': {
      at: 'objects',
      target: async (url, at) => url.replace(':id', String(await makeToken(ctx, at.division ?? '150000'))),
    },
  },
  async setup() {
    for (const division of OBJECT_DIVISIONS) await makeToken(ctx, division);
  },
}));
