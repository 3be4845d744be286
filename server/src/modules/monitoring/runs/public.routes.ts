/**
 * Published results on the portal (门户): GET /api/public/monitoring/results[?period=&mode=]. Public and rate-limited
 * like every public endpoint; only published, finished runs; the rank table without indicator detail.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ZErrorBody, errorResponses } from '../../../../../contracts/common.ts';
import { ZPublishedResults, ZPublishedResultsQuery } from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { presentRunSummary } from './runs.presenter.ts';
import * as repo from './runs.repository.ts';
import { loadDoneRun } from './runs.service.ts';
import { viewRun } from './run-view.ts';

type PublishedResults = z.infer<typeof ZPublishedResults>;

/** The latest published run of the period (newest period by default), optionally of one mode. */
export async function getPublishedResults(
  deps: Deps,
  query: z.infer<typeof ZPublishedResultsQuery>,
): Promise<PublishedResults> {
  const periods = await repo.listPublishedPeriods(deps.db);
  const period = query.period ?? periods[0];
  const runs = period === undefined ? [] : await repo.listPublishedRuns(deps.db, { period, mode: query.mode });
  // listPublishedRuns: newest publication first within a period
  const chosen = runs[0];
  if (!chosen) return { run: null, periods, counties: [] };
  const { row, stored } = await loadDoneRun(deps, null, chosen.id);
  const view = await viewRun(deps, row, stored);
  const counties = view.counties
    .map((c) => ({
      code: c.code,
      name: c.name,
      leagueName: c.leagueName,
      score: c.score,
      rank: c.rank,
      rankLow: c.rankLow,
      rankHigh: c.rankHigh,
      tier: c.tier,
      rankChange: c.rankChange ?? null,
      scoreChange: c.scoreChange ?? null,
      missingReason: c.missingReason ?? null,
    }))
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.code.localeCompare(b.code));
  return {
    run: presentRunSummary(row),
    periods,
    counties,
    coverage: view.coverage,
    comparison: view.comparison,
  };
}

/**
 * Published results change only when a run is published or withdrawn, and building them (the run's view with its
 * coverage and comparison) costs ~20 ms: answers are kept per database handle, keyed by the published runs'
 * signature, which one small query reads on every request (so every app node sees a publication at once).
 */
const answers = new WeakMap<object, Map<string, Promise<PublishedResults>>>();

export async function cachedPublishedResults(
  deps: Deps,
  query: z.infer<typeof ZPublishedResultsQuery>,
): Promise<PublishedResults> {
  const signature = await repo.publishedRunsSignature(deps.db);
  const key = `${signature}|${query.period ?? ''}|${query.mode ?? ''}`;
  let byKey = answers.get(deps.db);
  if (!byKey) answers.set(deps.db, (byKey = new Map<string, Promise<PublishedResults>>()));
  let answer = byKey.get(key);
  if (!answer) {
    if (byKey.size >= 50) byKey.clear();
    answer = getPublishedResults(deps, query);
    answer.catch(() => byKey.delete(key));
    byKey.set(key, answer);
  }
  return answer;
}

export function registerPublicMonitoringRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/public/monitoring/results', {
    config: {
      rule: { access: 'public', scope: 'public-data', audit: 'none' },
      rateLimit: { max: 300, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['monitoring'],
      summary: '已发布的县域创新能力监测结果 / published county innovation results',
      querystring: ZPublishedResultsQuery,
      response: { 200: ZPublishedResults, ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => cachedPublishedResults(deps, req.query),
  });
}
