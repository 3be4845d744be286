/// <reference lib="dom" />
/**
 * T9 XSS canary: organisations whose names carry script payloads are created through the API, then shown on every
 * console page that renders them (list, detail, search with highlighting, notifications). The payloads set
 * window.__xss or open a dialog if they ever run; the page must show them as text and log no CSP violation.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startStack, type Stack } from './support.ts';

const PAYLOADS = [
  '金穗种薯<img src=x onerror="window.__xss=1">合作社',
  '金穗种薯<script>window.__xss=2</script>公司',
  '金穗种薯"><svg onload="window.__xss=3">研究所',
  "金穗种薯' onmouseover='window.__xss=4' x='中心",
  '金穗种薯<a href="javascript:window.__xss=5">点我</a>农场',
];

async function signInPage(stack: Stack, username: string): Promise<Page> {
  const page = await stack.browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${stack.baseUrl}/console/login`);
  await page.fill('#username', username);
  await page.fill('#password', 'Demo#2026qx');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return page;
}

describe('XSS canary (T9)', () => {
  let stack: Stack;
  let ids: number[] = [];
  beforeAll(async () => {
    stack = await startStack();
    const page = await signInPage(stack, 'county-150102');
    ids = await page.evaluate(async (names) => {
      const s = (await (await fetch('/api/auth/current')).json()) as { session: { csrfToken: string } };
      const out: number[] = [];
      for (const name of names) {
        const res = await fetch('/api/organisations', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': s.session.csrfToken },
          body: JSON.stringify({ name, type: 'social', divisionCode: '150102' }),
        });
        out.push(((await res.json()) as { id: number }).id);
      }
      return out;
    }, PAYLOADS);
    await page.close();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows hostile names as text on every page that renders them', async () => {
    expect(ids.filter((id) => Number.isInteger(id))).toHaveLength(PAYLOADS.length);
    const page = await signInPage(stack, 'county-150102');
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

    const visits: { url: string; shot: string }[] = [
      { url: `/console/search?q=${encodeURIComponent('金穗种薯')}`, shot: 'xss-search.png' },
      { url: `/console/organisations?q=${encodeURIComponent('金穗种薯')}`, shot: 'xss-organisations.png' },
      ...ids.map((id, i) => ({ url: `/console/organisations/${id}`, shot: `xss-detail-${i}.png` })),
    ];
    for (const v of visits) {
      await page.goto(stack.baseUrl + v.url);
      await page.getByText('金穗种薯', { exact: false }).first().waitFor({ timeout: 20_000 });
      // Hover and click over every rendered name, so event-handler payloads get their chance.
      for (const el of await page.getByText('金穗种薯', { exact: false }).all()) {
        await el.hover().catch(() => undefined);
      }
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        injected: document.querySelectorAll('img[src="x"], svg[onload], a[href^="javascript:"], script:not([src])')
          .length,
        text: document.body.innerText,
      }));
      expect(state.xss, v.url).toBeNull();
      expect(state.injected, v.url).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, v.shot) });
    }
    // The names appear literally somewhere (the list shows all five).
    await page.goto(`${stack.baseUrl}/console/organisations?q=${encodeURIComponent('金穗种薯')}`);
    await page.getByText('金穗种薯', { exact: false }).first().waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('<img src=x onerror="window.__xss=1">');
    expect(text).toContain('<script>window.__xss=2</script>');
    expect(problems).toEqual([]);
    await page.close();
  });
});
