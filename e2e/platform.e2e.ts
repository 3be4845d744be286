/// <reference lib="dom" />
/** Browser journeys for the foundation: landing page, API documentation, a cookie session in a real browser. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startStack, type Stack } from './support.ts';

describe('platform in Chromium', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the landing page in Chinese with security headers and no console errors', async () => {
    const page = await stack.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const res = await page.goto(stack.baseUrl);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    await expect(page.locator('h1').textContent()).resolves.toContain('县域创新驱动发展平台');
    await expect(page.locator('body').textContent()).resolves.toContain('演示模式');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'landing.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the OpenAPI documentation under the CSP', async () => {
    const page = await stack.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${stack.baseUrl}/api/docs`);
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
    await expect(page.locator('.swagger-ui .info .title').textContent()).resolves.toContain('Qixian');
    await page.waitForSelector('.opblock-tag', { timeout: 30_000 });
    const tags = await page.locator('.opblock-tag').allTextContents();
    expect(tags.join(' ')).toContain('organisations');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'api-docs.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the session cookie HttpOnly and scoped: a county officer sees only its county', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.baseUrl);
    const result = await page.evaluate(async () => {
      const login = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'county-150102', password: 'Demo#2026qx' }),
      });
      const session = (await login.json()) as { csrfToken: string; division: { name: string } };
      const orgs = (await (await fetch('/api/organisations?pageSize=100')).json()) as {
        items: { divisionCode: string }[];
        total: number;
      };
      const noCsrf = await fetch('/api/auth/logout', { method: 'POST' });
      const logout = await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'x-csrf-token': session.csrfToken },
      });
      const after = await fetch('/api/organisations');
      return {
        cookieVisible: document.cookie.includes('qx_session'),
        division: session.division.name,
        divisions: [...new Set(orgs.items.map((o) => o.divisionCode))],
        total: orgs.total,
        noCsrf: noCsrf.status,
        logout: logout.status,
        after: after.status,
      };
    });
    expect(result).toMatchObject({
      cookieVisible: false,
      division: '新城区',
      divisions: ['150102'],
      noCsrf: 403,
      logout: 200,
      after: 401,
    });
    expect(result.total).toBeGreaterThan(0);
    const cookies = await context.cookies();
    expect(cookies.filter((c) => c.name.includes('qx_session'))).toEqual([]);
    await context.close();
  });
});
