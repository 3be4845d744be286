/// <reference lib="dom" />
/**
 * API 令牌 in Chromium: a county officer creates a token in the console (shown once), a machine client uses it with
 * `Authorization: Bearer` on a read and a write without any CSRF header, the officer revokes it and the client is
 * refused at once; the page at 1440 px and on a 390 px phone.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, openJourney, SCREENSHOT_DIR, signIn, startStack, type Stack } from './support.ts';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `api-tokens-${name}.png`), fullPage: true });
}

describe('API tokens in the console', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('creates a token shown once, uses it as a machine client, revokes it', { timeout: 240_000 }, async () => {
    const j = await openJourney(stack.browser, 1440);
    try {
      const { page } = j;
      await signIn(page, stack.baseUrl, 'county-150102');
      await page.getByRole('menuitem', { name: /API 令牌/ }).click();
      await page.getByRole('heading', { name: 'API 令牌' }).waitFor();
      await page.getByLabel('名称').fill('1 号地磅');
      await page.getByRole('button', { name: '创建令牌' }).click();
      const shown = page.getByTestId('new-token');
      await shown.waitFor();
      const token = (await shown.innerText()).trim();
      expect(token).toMatch(/^qx_[a-z2-7]{40}$/);
      await page.waitForTimeout(500); // the dialog's opening animation
      await shot(page, 'created-1440');
      await page.getByRole('button', { name: '我已保存' }).click();
      await shown.waitFor({ state: 'detached' });
      // The list shows only the prefix.
      await page.getByText(`${token.slice(0, 11)}…`).waitFor();
      expect(await page.content()).not.toContain(token);

      const headers = { authorization: `Bearer ${token}` };
      const me = await fetch(`${stack.baseUrl}/api/me`, { headers });
      expect(me.status).toBe(200);
      const write = await fetch(`${stack.baseUrl}/api/notifications/read-all`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(write.status).toBe(200);
      await page.reload();
      await page.getByText('1 号地磅').waitFor();
      expect(await page.getByText('从未使用').count()).toBe(0); // the client's use is recorded
      await shot(page, 'list-1440');

      // antd spaces two-character button labels (撤 销).
      await page
        .getByRole('button', { name: /^撤\s?销$/ })
        .first()
        .click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /^撤\s?销$/ })
        .click();
      await page.getByText('令牌已撤销').waitFor();
      const refused = await fetch(`${stack.baseUrl}/api/me`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByText('全部').click();
      await page.getByText('已撤销').first().waitFor();
      await page.waitForTimeout(500); // the switch's animation
      await shot(page, 'list-390');
      expect(j.errors).toEqual([]);
    } catch (err) {
      await shot(j.page, 'failed').catch(() => undefined);
      console.error(await describeFailure(j));
      throw err;
    } finally {
      await j.context.close();
    }
  });
});
