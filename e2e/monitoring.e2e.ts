/// <reference lib="dom" />
/**
 * The monitoring journey (issue 4) in Chromium on the demo data set: the 新城区 county officer downloads the 2025 entry
 * template, imports it with one invalid row (read in the row report, nothing saved), fixes it, imports again and
 * submits; the 呼和浩特市 league officer returns it with a comment; the county reads the comment and resubmits; the
 * league approves and the region gives the final approval (locked); the region analyst runs the 2025 index, publishes
 * it, opens the county's profile and downloads its diagnostic report; the county officer finds the county on the map
 * and in the rank table of the published result.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, openJourney, SCREENSHOT_DIR, signIn, startStack, type Journey, type Stack } from './support.ts';

const COUNTY = '150102';
const PERIOD = 2025;
const FORM = `/console/monitoring/entry/${COUNTY}/${PERIOD}`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `monitoring-${name}.png`), fullPage: true });
}

/** Runs one actor's part; on failure keeps a screenshot of where it stopped. */
async function as(
  stack: Stack,
  username: string,
  name: string,
  run: (j: Journey) => Promise<void>,
  /** Console errors the step causes on purpose (Chromium logs every 4xx response of a fetch). */
  expected: RegExp[] = [],
): Promise<void> {
  const j = await openJourney(stack.browser, 1400);
  try {
    await signIn(j.page, stack.baseUrl, username);
    await j.page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await run(j);
    const unexpected = j.errors.filter((e) => !expected.some((re) => re.test(e)));
    expect(unexpected).toEqual([]);
    expect(j.errors.length).toBe(unexpected.length + expected.length);
  } catch (err) {
    await shot(j.page, `failed-${name}`).catch(() => undefined);
    console.error(`journey step ${name} (${username}) failed:\n${await describeFailure(j)}`);
    throw err;
  } finally {
    await j.context.close();
  }
}

/**
 * A button's accessible name: antd puts a space between the two characters of a two-character Chinese label
 * (发布 -> 发 布), so match with an optional space between characters.
 */
function label(text: string): RegExp {
  // Not anchored at the start: an icon adds its own name before the text ("check 审核通过").
  return new RegExp(`(^|\\s)${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?')}$`);
}

/** The form's status tag (未填报, 填报中, 待盟市审核 …). */
async function expectStatus(page: Page, zh: string): Promise<void> {
  await expect.poll(async () => page.getByTestId('form-status').innerText(), { timeout: 60_000 }).toContain(zh);
}

/**
 * Fills the downloaded template: this year's value = last year's x 1.05 (so no year-on-year or outlier check fires),
 * a source on every row, a text for the 特色指标; `bad` puts an out-of-range value on one indicator.
 */
async function fillTemplate(file: string, bad: { code: string; value: number } | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('填报数据');
  if (!ws) throw new Error('template has no 填报数据 sheet');
  const header = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 1) throw new Error(`template has no column ${name}`);
    return i;
  };
  const [cCode, cPrev, cValue, cSource, cUnit] = [
    col('指标代码'),
    col('上年值'),
    col('本年值'),
    col('数据来源'),
    col('单位'),
  ];
  let filled = 0;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const code = row.getCell(cCode).text.trim();
    if (!code) return;
    const prev = row.getCell(cPrev).value;
    const unit = row.getCell(cUnit).text;
    if (bad && code === bad.code) row.getCell(cValue).value = bad.value;
    else if (typeof prev === 'number') row.getCell(cValue).value = Math.round(prev * 1.05 * 1000) / 1000;
    else if (unit.includes('文本') || code === 'D5.5')
      row.getCell(cValue).value = '依托自治区农牧业科技园区建设“科技小院”，推广奶业和马铃薯新品种（E2E 测试填报）';
    else return;
    row.getCell(cSource).value = '旗县统计局、科技局（E2E 测试）';
    filled++;
  });
  if (filled < 20) throw new Error(`only ${filled} template rows could be filled`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadForm(page: Page, buffer: Buffer, name: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('form-import').click()]);
  await chooser.setFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

/** Opens the comment dialog of a workflow button, writes the comment and confirms with the dialog's OK button. */
async function act(page: Page, button: string, ok: string, comment: string): Promise<void> {
  await page
    .getByRole('button', { name: label(button) })
    .first()
    .click();
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.getByLabel('意见').fill(comment);
  await dialog.getByRole('button', { name: label(ok) }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('monitoring journey (issue 4)', () => {
  let stack: Stack;
  let runId = 0;

  beforeAll(async () => {
    stack = await startStack();
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('county imports 2025 with one invalid row, fixes it and submits', async () => {
    await as(
      stack,
      `county-${COUNTY}`,
      'county-import',
      async ({ page }) => {
        await page.goto(`${stack.baseUrl}${FORM}`);
        await expectStatus(page, '未填报');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /下载模板/ }).click(),
        ]);
        const template = await download.path();
        if (!template) throw new Error('template download failed');

        // One invalid row: R&D intensity of 150 % is outside the 0-100 % range.
        await uploadForm(page, await fillTemplate(template, { code: 'D1.1', value: 150 }), '新城区2025-有误.xlsx');
        const report = page.getByTestId('import-report');
        await expect.poll(() => report.innerText(), { timeout: 60_000 }).toContain('未保存任何数据');
        // Row 2 of the template is D1.1; the reason names the value and the allowed range.
        const text = await report.innerText();
        expect(text).toMatch(/\b2\b[\s\S]*本年值[\s\S]*150[\s\S]*超出允许范围/);
        await shot(page, '1-import-report');
        await expectStatus(page, '未填报'); // nothing was saved

        await uploadForm(page, await fillTemplate(template, null), '新城区2025.xlsx');
        await expect.poll(() => page.getByText(/读取 \d+ 行，更新 \d+ 项/).count(), { timeout: 60_000 }).toBe(1);
        await expectStatus(page, '填报中');

        await page.getByRole('button', { name: '提交审核' }).click();
        await page
          .locator('.ant-modal-confirm')
          .getByRole('button', { name: label('提交') })
          .click();
        await expectStatus(page, '待盟市审核');
        await shot(page, '2-submitted');
      },
      [/status of 422/],
    ); // the rejected upload
  }, 600_000);

  it('the league officer returns it with a comment', async () => {
    await as(stack, 'league-150100', 'league-return', async ({ page }) => {
      await page.goto(`${stack.baseUrl}/console/monitoring/review?period=${PERIOD}`);
      const row = page.locator('tr', { hasText: '新城区' });
      await row
        .getByRole('link', { name: label('审核') })
        .or(row.getByRole('button', { name: label('审核') }))
        .first()
        .click();
      await expectStatus(page, '待盟市审核');
      await act(page, '退回修改', '退回', '请补充R&D经费数据来源的佐证材料');
      await expectStatus(page, '已退回');
    });
  }, 300_000);

  it('the county reads the comment and resubmits; league and region approve', async () => {
    await as(stack, `county-${COUNTY}`, 'county-resubmit', async ({ page }) => {
      await page.goto(`${stack.baseUrl}${FORM}`);
      await expectStatus(page, '已退回');
      await expect
        .poll(() => page.getByText('请补充R&D经费数据来源的佐证材料').count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: '提交审核' }).click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: label('提交') })
        .click();
      await expectStatus(page, '待盟市审核');
    });
    await as(stack, 'league-150100', 'league-approve', async ({ page }) => {
      await page.goto(`${stack.baseUrl}${FORM}?from=review`);
      await act(page, '审核通过', '审核通过', '已核实');
      await expectStatus(page, '待自治区审定');
    });
    await as(stack, 'region', 'region-approve', async ({ page }) => {
      await page.goto(`${stack.baseUrl}${FORM}?from=review`);
      await act(page, '自治区审定', '审核通过', '');
      await expectStatus(page, '已审定');
      await shot(page, '3-approved');
    });
  }, 600_000);

  it('the region analyst runs and publishes 2025 and downloads the county report', async () => {
    await as(stack, 'region', 'region-run', async ({ page }) => {
      await page.goto(`${stack.baseUrl}/console/monitoring/runs`);
      await page.getByRole('button', { name: '新建测算' }).click();
      const form = page.locator('.ant-modal');
      await form.getByRole('spinbutton', { name: '年度' }).fill(String(PERIOD));
      await form.getByRole('spinbutton', { name: /蒙特卡洛模拟次数/ }).fill('200');
      await form.getByRole('button', { name: '开始测算' }).click();
      await form.waitFor({ state: 'detached' });
      const row = page.getByTestId('runs-table').locator('tbody tr.ant-table-row').first();
      await expect.poll(() => row.innerText(), { timeout: 180_000, interval: 1000 }).toMatch(/发\s?布/);
      await row.getByRole('button', { name: label('发布') }).click();
      // The publish dialog states the year's coverage; an incomplete year needs the explicit acknowledgement.
      const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('publish-dialog') });
      await dialog.getByTestId('coverage-summary').waitFor({ timeout: 30_000 });
      const acknowledge = dialog.getByRole('checkbox', { name: /我确认在 \d+ 个旗县缺数据的情况下发布/ });
      if ((await acknowledge.count()) > 0) await acknowledge.check();
      await dialog.getByRole('button', { name: /^(确认发布|发\s?布)$/ }).click();
      await expect.poll(() => row.innerText(), { timeout: 60_000 }).toMatch(/撤\s?回/);
      const href = await row.locator('a[href*="run="]').first().getAttribute('href');
      runId = Number(/run=(\d+)/.exec(href ?? '')?.[1] ?? 0);
      expect(runId).toBeGreaterThan(0);
      await shot(page, '4-published');

      await page.goto(`${stack.baseUrl}/console/monitoring/counties/${COUNTY}?run=${runId}`);
      await expect.poll(() => page.getByText('新城区').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const [report] = await Promise.all([
        page.waitForEvent('download', { timeout: 180_000 }),
        page.getByRole('button', { name: /PDF/ }).first().click(),
      ]);
      const file = await report.path();
      expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
      await shot(page, '5-county-profile');
    });
  }, 600_000);

  it('the county officer finds the county on the map and in the published rank table', async () => {
    expect(runId, 'the run of the previous step').toBeGreaterThan(0);
    await as(stack, `county-${COUNTY}`, 'county-map', async ({ page }) => {
      await page.goto(`${stack.baseUrl}/console/monitoring/results?run=${runId}`);
      await page.locator('[data-testid=county-map][data-ready=true]').first().waitFor();
      const row = page.locator('tr', { hasText: '新城区' }).first();
      await expect.poll(() => row.innerText(), { timeout: 60_000 }).toMatch(/\d+\s*[（(]\d+[–-]\d+[)）]/);
      await shot(page, '6-results-map');
    });
  }, 300_000);
});
