/** Shared fixtures of the market's tests: users, a demand and an achievement moved to published/listed. */
import { addUser, signIn, type Agent, type TestApp } from '../../../test/harness.ts';

export interface MarketAgents {
  enterprise: Agent;
  researcher: Agent;
  region: Agent;
  other: Agent;
}

export async function marketAgents(t: TestApp): Promise<MarketAgents> {
  await addUser(t, { username: 'ent', role: 'enterprise', division: '150121' });
  await addUser(t, { username: 'res', role: 'researcher', division: '150105' });
  await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
  await addUser(t, { username: 'other', role: 'enterprise', division: '150203' });
  return {
    enterprise: await signIn(t, 'ent'),
    researcher: await signIn(t, 'res'),
    region: await signIn(t, 'region'),
    other: await signIn(t, 'other'),
  };
}

/** Posts a demand as the enterprise and publishes it as the region; returns its id. */
export async function publishedDemand(a: MarketAgents, body: Record<string, unknown>): Promise<number> {
  const res = await a.enterprise.request('POST', '/api/market/demands', { divisionCode: '150121', ...body });
  if (res.statusCode !== 201) throw new Error(`demand: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: number }>().id;
  for (const [url, payload] of [
    [`/api/market/demands/${id}/owner-step`, { step: 'submit' }],
    [`/api/market/demands/${id}/review`, { action: 'publish' }],
  ] as const) {
    const agent = url.endsWith('review') ? a.region : a.enterprise;
    const r = await agent.request('POST', url, payload);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  }
  return id;
}

/** Posts an achievement as the researcher and moves it through 公示 (0 days) to listed; returns its id. */
export async function listedAchievement(a: MarketAgents, body: Record<string, unknown>): Promise<number> {
  const res = await a.researcher.request('POST', '/api/market/achievements', { divisionCode: '150105', ...body });
  if (res.statusCode !== 201) throw new Error(`achievement: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: number }>().id;
  const steps: [Agent, string, unknown][] = [
    [a.researcher, 'owner-step', { step: 'submit' }],
    [a.region, 'review', { action: 'start' }],
    [a.region, 'review', { action: 'publicise', publicityDays: 0 }],
    [a.region, 'review', { action: 'list' }],
  ];
  for (const [agent, path, payload] of steps) {
    const r = await agent.request('POST', `/api/market/achievements/${id}/${path}`, payload);
    if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
  }
  return id;
}
