/**
 * Finding 5: a region-officer role granted at league 150100 read an unpublished index run (result of the 103
 * counties, export, county diagnosis, report job). The demo has no such account and making one through the API
 * needs the role-grant flow another fix reworks, so the probe starts its own demo server, stops it, adds the account
 * with the CLI (`qixian user create --role region-officer --division 150100`), starts it again on the same data,
 * queues an unpublished run as `region` and replays the reads as the league-scoped account. Held when every read of
 * the unpublished run answers 403/404, its run list hides it, and the same account still reads a published run.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../lib/child.ts';
import { signIn, type Probe, type RunningServer } from './lib.ts';

const USERNAME = 'probe-region-league';

async function createLeagueScopedRegionOfficer(dataDir: string, password: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, QIXIAN_DATA_DIR: dataDir, QIXIAN_MODE: 'demo', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // the server's SQLite file in dataDir, as ctx.startServer uses
  await promisify(execFile)(
    'npx',
    [
      'tsx',
      'server/src/cli/main.ts',
      'user',
      'create',
      '--username',
      USERNAME,
      '--password',
      password,
      '--role',
      'region-officer',
      '--division',
      '150100',
    ],
    {
      cwd: REPO_ROOT,
      env,
      timeout: 60_000,
    },
  );
}

export const probe: Probe = {
  id: 5,
  title: 'unpublished index results to a region role granted at a league',
  async run(ctx) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qx-probe-f05-'));
    const env = { QIXIAN_DATA_DIR: dataDir };
    const password = `Probe#${randomBytes(12).toString('hex')}`;
    let server: RunningServer | null = null;
    try {
      // first start: migrations and the demo seed; the CLI then writes the account into the stopped server's data
      server = await ctx.startServer(env);
      await server.stop();
      server = null;
      await createLeagueScopedRegionOfficer(dataDir, password);
      server = await ctx.startServer(env);
      const base = server.base;

      const region = await signIn(base, 'region');
      const queued = await region.post('/api/monitoring/runs', {
        period: 2024,
        mode: 'ranking',
        replications: 0,
        title: '探测：未发布测算',
      });
      if (queued.status !== 202) return { held: false, detail: `could not queue a run: ${queued.status}` };
      const runId = queued.json<{ id: number }>().id;
      const deadline = Date.now() + 40_000;
      let status = 'queued';
      while (status === 'queued' || status === 'running') {
        if (Date.now() > deadline) return { held: false, detail: `run ${runId} still ${status} after 40 s` };
        await new Promise((r) => setTimeout(r, 250));
        status = (await region.get(`/api/monitoring/runs/${runId}`)).json<{ status: string }>().status;
      }
      if (status !== 'done') return { held: false, detail: `run ${runId} ended ${status}` };
      const regionResult = (await region.get(`/api/monitoring/runs/${runId}/result`)).status;

      const partial = await signIn(base, USERNAME, password);
      const statuses: Record<string, number> = {
        summary: (await partial.get(`/api/monitoring/runs/${runId}`)).status,
        result: (await partial.get(`/api/monitoring/runs/${runId}/result`)).status,
        export: (await partial.get(`/api/monitoring/runs/${runId}/export.xlsx`)).status,
        diagnosis: (await partial.get(`/api/monitoring/runs/${runId}/counties/150102`)).status,
        countyReport: (
          await partial.post(`/api/monitoring/runs/${runId}/reports`, {
            kind: 'county',
            division: '150102',
            format: 'docx',
          })
        ).status,
        regionReport: (await partial.post(`/api/monitoring/runs/${runId}/reports`, { kind: 'region', format: 'pdf' }))
          .status,
      };
      const listed = (await partial.get('/api/monitoring/runs?published=false&pageSize=50')).json<{ total: number }>()
        .total;
      // control: the account works and reads published results like every monitoring:read user
      const published = (await partial.get('/api/monitoring/runs?published=true&pageSize=1')).json<{
        items: { id: number }[];
      }>().items[0];
      const publishedResult = published ? (await partial.get(`/api/monitoring/runs/${published.id}/result`)).status : 0;

      const denied = Object.values(statuses).every((s) => s === 403 || s === 404);
      const held = denied && listed === 0 && regionResult === 200 && publishedResult === 200;
      const figures = Object.entries(statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return {
        held,
        detail:
          `unpublished run ${runId} as region-officer@150100: ${figures}; unpublished runs listed ${listed}; ` +
          `control: region reads it ${regionResult}, the account reads published run ${published?.id ?? '-'} ${publishedResult}`,
      };
    } finally {
      if (server) await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
