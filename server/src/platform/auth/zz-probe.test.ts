import { it, expect } from 'vitest';
import { addUser, createTestApp, TEST_PASSWORD } from '../../test/harness.ts';
it('probe parallel', async () => {
  const t = await createTestApp();
  await addUser(t, { username: 'victim', role: 'farmer', division: '150102' });
  const res = await Promise.all(Array.from({ length: 20 }, (_, i) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: i === 19 ? TEST_PASSWORD : 'Wrong#' + i }, remoteAddress: `10.9.0.${i}` })));
  const rows = await t.app.deps.db.selectFrom('audit_log').select(['details', 'result']).where('action', '=', 'auth.login').execute();
  process.stdout.write('PROBE ' + JSON.stringify(res.map(r => r.statusCode)) + ' ' + JSON.stringify(rows) + '\n');
  await t.close();
});
