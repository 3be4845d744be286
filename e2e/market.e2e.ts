/// <reference lib="dom" />
/**
 * The technology-market journey (issue 13) in Chromium on the demo data set, with real clicks and each persona in
 * its own browser context: the 土默特左旗 demo enterprise posts a demand in its own words; the region officer
 * reviews and publishes it; the enterprise reads the suggested achievements with their explanations, opens the best
 * one and requests NDA access; the owner researcher approves it; the enterprise reads the confidential detail and
 * opens a deal; they exchange a message, an offer is accepted, both approve the four contract steps and sign; the
 * region officer finds the contract in the county statistics (buyer side of 土默特左旗) and on the console map.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeFailure,
  openJourney,
  SCREENSHOT_DIR,
  signIn,
  startStack,
  type Journey,
  type Stack,
} from './support.ts';

const BUYER_COUNTY = '150121';
const BUYER_COUNTY_NAME = '土默特左旗';
const YEAR = new Date().getFullYear();

/** antd puts a space between the two characters of a two-character label (同意 -> 同 意). */
function label(text: string): RegExp {
  return new RegExp(`(^|\\s)${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?')}$`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `market-${name}.png`), fullPage: true });
}

async function signedIn(stack: Stack, username: string): Promise<Journey> {
  const j = await openJourney(stack.browser, 1440);
  await signIn(j.page, stack.baseUrl, username);
  await j.page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return j;
}

/** Waits for the antd success toast of the last action (and fails on an error toast). */
async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor();
}

/** The buyer-side contract count of 土默特左旗 in the statistics table by county, for the current year. */
async function buyerCount(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/console/market/contract-stats?groupBy=county&year=${YEAR}`);
  const table = page.locator('.ant-table');
  await table.locator('.ant-table-row, .ant-empty').first().waitFor();
  const row = table.locator('.ant-table-row').filter({ hasText: BUYER_COUNTY_NAME });
  if ((await row.count()) === 0) return 0;
  // Columns: name, seller (count, turnover), buyer (count, turnover), inflow, outflow.
  return Number((await row.first().locator('td').nth(3).innerText()).replace(/[^\d]/g, ''));
}

describe('technology-market journey (issue 13)', () => {
  let stack: Stack;
  const open: Journey[] = [];

  beforeAll(async () => {
    stack = await startStack();
  }, 300_000);
  afterAll(async () => {
    for (const j of open) await j.context.close().catch(() => undefined);
    await stack?.stop();
  });

  it('an enterprise posts a demand, gets explained matches, signs a deal; the contract shows in the statistics and on the map', async () => {
    let step = 'start';
    const journeys: Record<string, Journey> = {};
    const actor = async (username: string) => {
      journeys[username] ??= await signedIn(stack, username);
      open.push(journeys[username]);
      return journeys[username];
    };
    try {
      // The region officer notes the buyer county's contracts this year before the journey.
      step = 'statistics before';
      const region = await actor('region');
      const before = await buyerCount(region.page, stack.baseUrl);

      // 1. The enterprise posts a demand in its own words (no shared vocabulary with the researcher's text).
      step = 'post demand';
      const ent = await actor('enterprise-150121');
      await ent.page.goto(`${stack.baseUrl}/console/market/demands/new`);
      await ent.page.getByLabel('需求名称').fill('马铃薯自留种连续多年病害加重，想换一套种薯繁育办法');
      await ent.page
        .getByLabel('需求描述')
        .fill(
          '我们合作社种马铃薯十几年，一直用自己留的种，这几年病害越来越重、产量一年比一年低，想找能提供干净种薯、自己扩繁的技术。',
        );
      await ent.page.getByTestId('demand-submit').click();
      await ent.page.waitForURL(/\/console\/market\/demands\/\d+$/);
      const demandId = Number(/demands\/(\d+)$/.exec(ent.page.url())![1]);
      await expect.poll(() => ent.page.getByTestId('demand-title').innerText()).toContain('马铃薯自留种');

      // 2. The region officer reviews and publishes it.
      step = 'publish demand';
      await region.page.goto(`${stack.baseUrl}/console/market/demands/${demandId}`);
      await region.page.getByRole('button', { name: label('开始审核') }).click();
      await toast(region.page, '已完成');
      await region.page.getByRole('button', { name: label('审核通过，发布') }).click();
      await expect.poll(() => region.page.locator('.ant-card-head').first().innerText()).toContain('已发布');

      // 3. The enterprise reads the suggested achievements and their explanations, then opens the best one.
      step = 'matches';
      await ent.page.reload();
      const matches = ent.page.getByTestId('match-list');
      const first = matches.locator('[data-testid^="match-"]').first();
      await first.waitFor();
      const explanation = await first.locator('.match-explanation').innerText();
      expect(explanation.length).toBeGreaterThan(4);
      const firstTitle = await first.locator('a').first().innerText();
      expect(firstTitle).toMatch(/脱毒|种薯|马铃薯/);
      await shot(ent.page, 'demand-matches');
      await first.locator('a').first().click();
      await ent.page.waitForURL(/\/console\/market\/achievements\/\d+$/);
      const achievementId = Number(/achievements\/(\d+)$/.exec(ent.page.url())![1]);
      expect(await ent.page.getByTestId('confidential-detail').count()).toBe(0);

      // 4. NDA request.
      step = 'nda request';
      await ent.page.getByTestId('nda-button').click();
      await ent.page.getByLabel('申请说明').fill('土默特左旗马铃薯种植合作社，评估引进脱毒种薯繁育技术');
      await ent.page.getByRole('button', { name: '同意保密协议并提交' }).click();
      await toast(ent.page, '已提交申请');
      await expect.poll(() => ent.page.getByTestId('nda-button').innerText()).toContain('待成果方同意');

      // 5. The owner researcher approves.
      step = 'nda approve';
      const res = await actor('researcher-150105');
      await res.page.goto(`${stack.baseUrl}/console/market/nda`);
      const approve = res.page.locator('[data-testid^="nda-approve-"]').first();
      await approve.waitFor();
      await approve.click();
      await toast(res.page, '已同意');

      // 6. The enterprise reads the confidential detail and opens a deal.
      step = 'open deal';
      await ent.page.reload();
      await ent.page.getByTestId('confidential-detail').waitFor();
      expect((await ent.page.getByTestId('confidential-detail').innerText()).length).toBeGreaterThan(10);
      await ent.page.getByTestId('open-deal').click();
      await ent.page.waitForURL(/\/console\/market\/deals\/\d+$/);
      const dealUrl = ent.page.url();
      await ent.page.locator(`a[href="/console/market/achievements/${achievementId}"]`).waitFor();
      const proceed = ent.page.getByRole('button', { name: label('进入洽谈') });
      if (await proceed.isVisible().catch(() => false)) {
        await proceed.click();
        await toast(ent.page, '已进入洽谈');
      }

      // 7. Negotiation: a message each way, the enterprise's offer, the owner accepts.
      step = 'negotiate';
      await ent.page.getByLabel('消息').fill('请问脱毒苗和原原种能否在我县基地扩繁？');
      await ent.page.getByRole('button', { name: label('发送') }).click();
      await toast(ent.page, '已发送');
      await res.page.goto(dealUrl);
      await res.page.getByText('请问脱毒苗和原原种').waitFor();
      await res.page.getByLabel('消息').fill('可以，我们派技术人员到基地指导两季。');
      await res.page.getByRole('button', { name: label('发送') }).click();
      await toast(res.page, '已发送');

      await ent.page.reload();
      await ent.page.getByText('我们派技术人员').waitFor();
      await ent.page.getByRole('button', { name: '提出报价' }).click();
      const offer = ent.page.locator('.ant-modal').filter({ hasText: '提出报价' });
      await offer.getByLabel('金额（万元）').fill('35');
      await offer.getByLabel('转化方式').click();
      await ent.page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '普通许可' }).click();
      await offer.getByLabel('主要条款').fill('技术许可三年，含两季现场指导，分两期付款');
      await offer.getByRole('button', { name: '提交报价' }).click();
      await toast(ent.page, '已提交报价');

      await res.page.reload();
      await res.page.getByRole('button', { name: label('接受') }).click();
      await toast(res.page, '已接受报价');

      // 8. Contract steps: each party approves each step; 签署 last.
      step = 'contract steps';
      const approveAll = async (page: Page) => {
        await page.reload();
        for (;;) {
          const btn = page.getByRole('button', { name: label('确认') });
          await page.getByText('合同签署（双方确认）').waitFor();
          if ((await btn.count()) === 0) return;
          await btn.first().click();
          await toast(page, '已确认');
          await page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
        }
      };
      await approveAll(ent.page);
      await approveAll(res.page);
      await approveAll(ent.page);
      await expect.poll(() => ent.page.locator('.ant-tag').filter({ hasText: '已签约' }).count()).toBeGreaterThan(0);
      await shot(ent.page, 'deal-signed-1440');
      await ent.page.setViewportSize({ width: 390, height: 844 });
      await shot(ent.page, 'deal-signed-390');

      // 9. The contract in the county statistics (buyer side of the enterprise's county) …
      step = 'statistics after';
      const after = await buyerCount(region.page, stack.baseUrl);
      expect(after).toBe(before + 1);
      await shot(region.page, 'contract-stats-1440');
      // … and on the console map (contracts bought, by county).
      step = 'map';
      await region.page.goto(
        `${stack.baseUrl}/console/market/contract-stats?groupBy=county&year=${YEAR}&view=map&measure=countBuyer`,
      );
      const map = region.page.getByTestId('county-map');
      await expect.poll(() => map.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
      expect((await map.getAttribute('data-highlighted'))?.split(',')).toContain(BUYER_COUNTY);
      // The map colours the county with the same figure as the statistics table.
      const values = new Map(
        ((await region.page.getByTestId('contract-map').getAttribute('data-values')) ?? '')
          .split(',')
          .map((kv) => kv.split(':') as [string, string]),
      );
      expect(Number(values.get(BUYER_COUNTY))).toBe(after);
      await shot(region.page, 'contract-map-1440');
      await region.page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => map.getAttribute('data-ready')).toBe('true');
      await shot(region.page, 'contract-map-390');
      await region.page.locator('.ant-segmented-item').filter({ hasText: '表格' }).click();
      await region.page.locator('.ant-table-row').first().waitFor();
      await shot(region.page, 'contract-stats-390');

      for (const j of Object.values(journeys)) expect(j.errors).toEqual([]);
    } catch (err) {
      for (const [name, j] of Object.entries(journeys)) {
        await shot(j.page, `failed-${name}`).catch(() => undefined);
        console.error(`market journey failed at "${step}" (${name}):\n${await describeFailure(j)}`);
      }
      throw err;
    }
  });
});
