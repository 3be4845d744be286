import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../../../../contracts/monitoring.ts';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { ReportJobButtons } from './ReportJobButtons.tsx';
import { followJob, jobErrorText } from '../report-job.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const job = (over: Partial<Job>): Job => ({
  id: 5,
  kind: 'monitoring.report',
  status: 'queued',
  progress: 0,
  message: '排队中',
  error: null,
  fileName: null,
  createdAt: '2026-03-05T02:00:00.000Z',
  finishedAt: null,
  ...over,
});

/** Answers the report POST, then the job states in order (the last one repeats), then the file. */
function serve(states: Job[]) {
  let polls = 0;
  return (call: Call) => {
    if (call.method === 'POST' && call.url === '/api/monitoring/runs/7/reports') return { status: 202, body: job({}) };
    if (call.url === '/api/jobs/5') return { body: states[Math.min(polls++, states.length - 1)] };
    if (call.url === '/api/jobs/5/file') return { body: { file: true } };
    return undefined;
  };
}

describe('report job buttons', () => {
  it('posts the county report, shows the progress, then downloads the file', async () => {
    const created: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined }));
    const calls = stubFetch(
      fakeSession({ permissions: ['monitoring:read'] }),
      serve([
        job({ status: 'running', progress: 40, message: '正在绘制图表（1/2）' }),
        job({ status: 'done', progress: 100, message: '已完成', fileName: '诊断报告-新城区.pdf' }),
      ]),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(this.download);
    });
    renderSignedIn(<ReportJobButtons runId={7} kind="county" division="150102" />);
    fireEvent.click(await screen.findByTestId('report-job-pdf'));
    expect(await screen.findByText('40% 正在绘制图表（1/2）')).toBeTruthy();
    await waitFor(() => expect(created).toEqual(['诊断报告-新城区.pdf']), { timeout: 5000 });
    expect(await screen.findByText('已生成 诊断报告-新城区.pdf')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ kind: 'county', format: 'pdf', division: '150102' });
    expect(screen.queryByTestId('report-job-progress')).toBeNull();
    click.mockRestore();
  });

  it('shows a failed job and a refused request in Chinese', async () => {
    stubFetch(
      fakeSession({ permissions: ['monitoring:read'] }),
      serve([job({ status: 'failed', progress: 10, error: '该旗县没有测算结果 / No result for this county' })]),
    );
    renderSignedIn(<ReportJobButtons runId={7} kind="region" />);
    fireEvent.click(await screen.findByTestId('report-job-docx'));
    expect(screen.getByText('下载全区报告（Word）')).toBeTruthy();
    expect(await screen.findByText('该旗县没有测算结果', undefined, { timeout: 5000 })).toBeTruthy();
    cleanup();

    stubFetch(fakeSession({ permissions: ['monitoring:read'] }), (call) =>
      call.method === 'POST'
        ? {
            status: 404,
            body: { error: { code: 'NOT_FOUND', message: '全区报告需要覆盖全区的监测评价权限', messageEn: 'x' } },
          }
        : undefined,
    );
    renderSignedIn(<ReportJobButtons runId={7} kind="region" />);
    fireEvent.click(await screen.findByTestId('report-job-pdf'));
    expect(await screen.findByText('全区报告需要覆盖全区的监测评价权限')).toBeTruthy();
  });
});

describe('following a job', () => {
  it('polls until the job ends and stops when aborted', async () => {
    const states = [job({ status: 'running', progress: 30 }), job({ status: 'done', progress: 100 })];
    const seen: number[] = [];
    const done = await followJob(() => Promise.resolve(states.shift()!), {
      signal: new AbortController().signal,
      onUpdate: (j) => seen.push(j.progress),
      intervalMs: 1,
    });
    expect(done.status).toBe('done');
    expect(seen).toEqual([30, 100]);

    const controller = new AbortController();
    const pending = followJob(() => Promise.resolve(job({ status: 'running' })), {
      signal: controller.signal,
      onUpdate: () => controller.abort(),
      intervalMs: 1,
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('picks the error text of the locale', () => {
    expect(jobErrorText('服务重启，任务中断 / the server restarted', 'zh-CN')).toBe('服务重启，任务中断');
    expect(jobErrorText('服务重启，任务中断 / the server restarted', 'en-US')).toBe('the server restarted');
    expect(jobErrorText(null, 'zh-CN')).toBe('报告生成失败');
  });
});
