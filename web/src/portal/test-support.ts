/** A fetch stand-in for the portal's component tests: answers the public APIs from fixed data. */
import { vi } from 'vitest';
import { usccCheckChar } from '../../../contracts/identifiers.ts';

const USCC_FIRST17 = '911501020512345AB';
/** A credit code with a correct GB 32100 check character. */
export const VALID_USCC = USCC_FIRST17 + (usccCheckChar(USCC_FIRST17) ?? '');

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

const LEAGUES = [
  { code: '150100', name: '呼和浩特市', level: 'prefecture', type: '地级市', parentCode: '150000' },
  { code: '150200', name: '包头市', level: 'prefecture', type: '地级市', parentCode: '150000' },
];
const COUNTIES = [
  { code: '150102', name: '新城区', level: 'county', type: '市辖区', parentCode: '150100' },
  { code: '150121', name: '土默特左旗', level: 'county', type: '旗', parentCode: '150100' },
];

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Installs a fetch that serves divisions and platform info, and hands anything else to `other`. */
export function stubFetch(other: (call: Call) => Response | undefined = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: input,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = other(call);
    if (answer) return Promise.resolve(answer);
    if (input === '/api/divisions/150000/children') return Promise.resolve(json(200, { items: LEAGUES }));
    if (input === '/api/divisions/150100/children') return Promise.resolve(json(200, { items: COUNTIES }));
    if (input.startsWith('/api/divisions/150000/descendants')) return Promise.resolve(json(200, { items: COUNTIES }));
    if (input === '/api/divisions/150102/attributes')
      return Promise.resolve(
        json(200, {
          items: [
            {
              attribute: 'resident_population',
              valueText: null,
              valueNumber: 699672,
              year: 2020,
              source: '2020 census',
            },
          ],
        }),
      );
    if (input === '/api/platform/info') return Promise.resolve(json(200, { mode: 'demo', demo: null }));
    if (input === '/api/auth/current') return Promise.resolve(json(200, { session: null }));
    return Promise.resolve(
      json(404, { error: { code: 'NOT_FOUND', message: '未找到该对象', messageEn: 'Not found' } }),
    );
  });
  return calls;
}
