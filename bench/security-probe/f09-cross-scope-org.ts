/**
 * Finding 9 (LOW): a sys-admin scoped to 150100 created a user with an orgId in 150203 (201). Builds that
 * administrator the way production would — sysadmin opens the account (activation link to the holder via the
 * operator log), secadmin asks for sys-admin at 150100, auditadmin approves (two-person rule), the holder sets a
 * password from the operator's link and enrols TOTP — then tries the cross-scope orgId: held when 404 and nothing
 * is created, and a missing id answers the same.
 */
import { Client, freshTotpCode, signIn, signInAdmin, type Probe } from './lib.ts';

export const probe: Probe = {
  id: 9,
  title: 'cross-scope organisation link',
  async run(ctx) {
    const base = ctx.demo.base;
    const sys = await signInAdmin(ctx, base, 'sysadmin');
    const sec = await signInAdmin(ctx, base, 'secadmin');
    const audit = await signInAdmin(ctx, base, 'auditadmin');
    const username = `probe-sys-hohhot-${Date.now().toString(36)}`;
    const created = await sys.post('/api/users', { username, displayName: '探测系统管理员', divisionCode: '150100' });
    if (created.status !== 201) throw new Error(`create ${created.status} ${created.text}`);
    const id = created.json<{ id: number }>().id;
    // The holder's link, from the operator's console (the server's standard error).
    const line = ctx.demo.child
      .log()
      .split('\n')
      .reverse()
      .find((l) => l.includes('"out-of-band delivery') && l.includes(username));
    const token = line ? /#t=([A-Za-z0-9_-]+)/.exec(line)?.[1] : undefined;
    if (!token) throw new Error('no activation link in the operator log');
    const password = `Probe#${Math.random().toString(36).slice(2)}Xk9`;
    const redeem = await new Client(base).post('/api/password-reset/redeem', { token, newPassword: password });
    if (redeem.status !== 200) throw new Error(`redeem ${redeem.status} ${redeem.text}`);
    const ask = await sec.post(`/api/users/${id}/roles`, { role: 'sys-admin', divisionCode: '150100' });
    if (ask.status !== 202) throw new Error(`grant request ${ask.status} ${ask.text}`);
    const approve = await audit.post(
      `/api/role-requests/${ask.json<{ request: { id: number } }>().request.id}/approve`,
      {
        note: 'probe',
      },
    );
    if (approve.status !== 200) throw new Error(`approve ${approve.status} ${approve.text}`);
    // The new administrator signs in with the chosen password and enrols a TOTP device.
    const agent = new Client(base);
    const first = await agent.login(username, password);
    if (first.status !== 200) throw new Error(`login ${first.status} ${first.text}`);
    const setup = await agent.get('/api/auth/totp/setup');
    const verify = await agent.post('/api/auth/totp', {
      code: await freshTotpCode(setup.json<{ secret: string }>().secret),
    });
    if (verify.status !== 200) throw new Error(`totp ${verify.status} ${verify.text}`);
    agent.csrf = verify.json<{ csrfToken: string }>().csrfToken;
    const region = await signIn(base, 'region');
    const orgs = await region.get('/api/organisations?division=150203&pageSize=1');
    const orgId = orgs.json<{ items: { id: number }[] }>().items[0]?.id;
    if (!orgId) throw new Error('no organisation in 150203');
    const body = (o: number, u: string) => ({
      username: u,
      password: 'Probe#Cross2026scope',
      displayName: '越权',
      divisionCode: '150102',
      orgId: o,
    });
    const outside = await agent.post('/api/users', body(orgId, `${username}-x1`));
    const missing = await agent.post('/api/users', body(99_999_999, `${username}-x2`));
    const held = outside.status === 404 && missing.status === 404 && outside.text === missing.text;
    return {
      held,
      detail: `two-person grant ${ask.status}->${approve.status}; orgId in 150203: ${outside.status}, missing orgId: ${missing.status}${outside.text === missing.text ? ' (same answer)' : ' (answers differ)'}`,
    };
  },
};
