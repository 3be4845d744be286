import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type TestApp } from '../../test/harness.ts';
import type { RoleCode } from '../../../../contracts/access.ts';
import type { Caller } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { defineJobKind, enqueueJob, purgeExpiredJobs, whenJobsIdle } from './index.ts';
import { failureText, safeText } from './runner.ts';

/** Gates the test jobs wait on, by name: the test decides when a job may go on. */
const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
function gate(name: string) {
  let g = gates.get(name);
  if (!g) {
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    g = { promise, open };
    gates.set(name, g);
  }
  return g;
}

const steps = defineJobKind<{ gate: string; name: string }>('test.steps', {
  async run(ctx, params) {
    await ctx.progress(40, '第二步：绘制图表');
    await gate(params.gate).promise;
    await ctx.progress(90, '第三步：排版');
    return {
      fileName: `测试报告-${params.name}.pdf`,
      mime: 'application/pdf',
      content: Buffer.from(`%PDF ${params.name}`),
    };
  },
});
const crashing = defineJobKind<null>('test.crash', {
  run: () => Promise.reject(new Error('secret internal detail /etc/passwd')),
});
const refusing = defineJobKind<null>('test.refuse', {
  run: () => Promise.reject(new AppError('NOT_FOUND', { zh: '该旗县没有测算结果', en: 'No result for this county' })),
});
const managed = defineJobKind<null>('test.manage', {
  permission: 'monitoring:manage',
  run: () => Promise.resolve({ fileName: 'x.txt', mime: 'text/plain', content: Buffer.from('x') }),
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}

describe('background jobs (platform/jobs)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    for (const g of gates.values()) g.open();
    gates.clear();
    await t.close();
  });

  async function user(username: string, role: RoleCode = 'county-officer', division = '150102') {
    const userId = await addUser(t, { username, role, division });
    const caller: Caller = {
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
    return { caller, agent: await signIn(t, username) };
  }

  it('answers 401 without a session and 400 on bad ids', async () => {
    for (const url of ['/api/jobs', '/api/jobs/1', '/api/jobs/1/file'])
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    const { agent } = await user('alice');
    for (const id of ['abc', '0', '-1', '1.5'])
      expect((await agent.request('GET', `/api/jobs/${id}`)).statusCode).toBe(400);
  });

  it('runs a job off the request path with progress, then serves its file to the owner only', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const job = await enqueueJob(t.app.deps, alice.caller, steps, { gate: 'a', name: '甲' });
    expect(job).toMatchObject({ status: 'queued', progress: 0, kind: 'test.steps' });

    // The job reports 40 % and waits: the owner sees it running with the message.
    await until(async () => (await alice.agent.request('GET', `/api/jobs/${job.id}`)).json().progress === 40);
    const running = (await alice.agent.request('GET', `/api/jobs/${job.id}`)).json();
    expect(running).toMatchObject({ status: 'running', progress: 40, message: '第二步：绘制图表', fileName: null });
    expect((await alice.agent.request('GET', `/api/jobs/${job.id}/file`)).statusCode).toBe(409);

    // Another user's job does not exist for bob.
    expect((await bob.agent.request('GET', `/api/jobs/${job.id}`)).statusCode).toBe(404);
    expect((await bob.agent.request('GET', `/api/jobs/${job.id}/file`)).statusCode).toBe(404);

    gate('a').open();
    await whenJobsIdle(t.app.deps);
    const done = (await alice.agent.request('GET', `/api/jobs/${job.id}`)).json();
    expect(done).toMatchObject({
      status: 'done',
      progress: 100,
      message: '已完成',
      fileName: '测试报告-甲.pdf',
      error: null,
    });
    expect(done.finishedAt).toBe(t.clock.now().toISOString());

    const file = await alice.agent.request('GET', `/api/jobs/${job.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="job-${job.id}.pdf"; filename*=UTF-8''${encodeURIComponent('测试报告-甲.pdf')}`,
    );
    expect(file.rawPayload.toString()).toBe('%PDF 甲');
    expect((await bob.agent.request('GET', `/api/jobs/${job.id}/file`)).statusCode).toBe(404);

    // The list holds the own jobs only, newest first.
    await enqueueJob(t.app.deps, bob.caller, steps, { gate: 'b', name: '乙' });
    gate('b').open();
    const second = await enqueueJob(t.app.deps, alice.caller, steps, { gate: 'b', name: '丙' });
    await whenJobsIdle(t.app.deps);
    const list = (await alice.agent.request('GET', '/api/jobs')).json();
    expect(list.items.map((j: { id: number }) => j.id)).toEqual([second.id, job.id]);
    expect((await bob.agent.request('GET', '/api/jobs')).json().items).toHaveLength(1);
  });

  it('runs one job at a time: the second waits queued while the first runs', async () => {
    const alice = await user('alice');
    const first = await enqueueJob(t.app.deps, alice.caller, steps, { gate: 'first', name: '一' });
    const second = await enqueueJob(t.app.deps, alice.caller, steps, { gate: 'second', name: '二' });
    await until(async () => (await alice.agent.request('GET', `/api/jobs/${first.id}`)).json().progress === 40);
    expect((await alice.agent.request('GET', `/api/jobs/${second.id}`)).json().status).toBe('queued');
    gate('second').open();
    gate('first').open();
    await whenJobsIdle(t.app.deps);
    for (const id of [first.id, second.id])
      expect((await alice.agent.request('GET', `/api/jobs/${id}`)).json().status).toBe('done');
  });

  it('stores failures with a Chinese message and no internals', async () => {
    const alice = await user('alice');
    const crash = await enqueueJob(t.app.deps, alice.caller, crashing, null);
    const refuse = await enqueueJob(t.app.deps, alice.caller, refusing, null);
    await whenJobsIdle(t.app.deps);
    const c = (await alice.agent.request('GET', `/api/jobs/${crash.id}`)).json();
    expect(c).toMatchObject({ status: 'failed', message: '失败' });
    expect(c.error).toMatch(/^任务执行失败（内部错误）/);
    expect(c.error).not.toContain('passwd');
    const r = (await alice.agent.request('GET', `/api/jobs/${refuse.id}`)).json();
    expect(r.error).toBe('该旗县没有测算结果 / No result for this county');
    const file = await alice.agent.request('GET', `/api/jobs/${refuse.id}/file`);
    expect(file.statusCode).toBe(409);
    expect(file.json().error.message).toBe('任务已失败，没有可下载的文件');
  });

  it('checks the kind permission when enqueueing', async () => {
    const alice = await user('alice');
    await expect(enqueueJob(t.app.deps, alice.caller, managed, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const boss = await user('boss', 'region-officer', '150000');
    const job = await enqueueJob(t.app.deps, boss.caller, managed, null);
    await whenJobsIdle(t.app.deps);
    expect((await boss.agent.request('GET', `/api/jobs/${job.id}`)).json().status).toBe('done');
  });

  it('drops files 24 hours after the job finished', async () => {
    const alice = await user('alice');
    gate('open').open();
    const job = await enqueueJob(t.app.deps, alice.caller, steps, { gate: 'open', name: '一' });
    await whenJobsIdle(t.app.deps);
    // Sessions time out over these hours: sign in again after each jump.
    const get = async (url: string) => (await signIn(t, 'alice')).request('GET', url);
    t.clock.advance(23 * 3600 * 1000);
    expect(await purgeExpiredJobs(t.app.deps)).toEqual({ files: 0, rows: 0 });
    expect((await get(`/api/jobs/${job.id}/file`)).statusCode).toBe(200);
    t.clock.advance(2 * 3600 * 1000);
    expect(await purgeExpiredJobs(t.app.deps)).toEqual({ files: 1, rows: 0 });
    const gone = await get(`/api/jobs/${job.id}/file`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe('文件已过期（保留 24 小时），请重新生成');
    expect((await get(`/api/jobs/${job.id}`)).json().status).toBe('done');
    t.clock.advance(30 * 24 * 3600 * 1000);
    expect(await purgeExpiredJobs(t.app.deps)).toEqual({ files: 0, rows: 1 });
    expect((await get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
  });

  it('keeps messages storable: no control characters, cut at whole characters', () => {
    expect(safeText('第一行\n第二行\t')).toBe('第一行 第二行');
    const long = '𠀀'.repeat(400); // outside the BMP: two UTF-16 units each
    expect(Array.from(safeText(long))).toHaveLength(300);
    expect(safeText(long).endsWith('…')).toBe(true);
    expect(failureText(new AppError('FORBIDDEN'))).toBe(
      '没有权限执行此操作 / You do not have permission for this action',
    );
  });
});
