/// <reference lib="dom" />
/**
 * Administration journeys in Chromium: a league officer bulk-imports organisations from the downloaded template
 * (a bad credit code is reported by row and in Chinese, fixed, uploaded again, committed, found in the list); the
 * audit administrator signs in with TOTP, finds the import in the audit log, verifies the chain and exports.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../contracts/identifiers.ts';
import { describeFailure, openJourney, SCREENSHOT_DIR, signIn, startStack, type Journey, type Stack } from './support.ts';

const NAME_PREFIX = 'E2E导入测试单位';

/** A valid 统一社会信用代码 (GB 32100) for a running number, in county 150102. */
function uscc(n: number): string {
  const first17 = `91150102MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

/** Wrong check character: the code of `n` with its last character changed. */
function badUscc(n: number): string {
  const good = uscc(n);
  return good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-${name}.png`), fullPage: true });
}

/** Runs a journey; on failure keeps a screenshot of where it stopped (admin-failed-<name>.png). */
async function journey(browser: Browser, name: string, run: (j: Journey) => Promise<void>): Promise<void> {
  const j = await openJourney(browser);
  try {
    await run(j);
    expect(j.errors).toEqual([]);
  } catch (err) {
    await shot(j.page, `failed-${name}`).catch(() => undefined);
    console.error(`journey ${name} failed:\n${await describeFailure(j)}`);
    throw err;
  } finally {
    await j.context.close();
  }
}

/** Fills the downloaded template's data sheet from row 3 (row 2 is the example, skipped when unchanged). */
async function fillTemplate(template: string, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(1).values).toEqual([undefined, '单位名称', '单位类型', '统一社会信用代码', '行政区划代码']);
  rows.forEach((r, i) => {
    const row = ws.getRow(3 + i);
    r.forEach((v, j) => {
      row.getCell(j + 1).value = v;
    });
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('administration in Chromium', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it(
    'bulk-imports organisations: report by row in Chinese, fix, upload again, commit, find them',
    () =>
      journey(stack.browser, 'import', async ({ page }) => {
        await signIn(page, stack.baseUrl, 'league-150100');
        await page.waitForURL(/\/console\/?$/);

        // The list, then the import page through its button.
        await page.getByRole('menuitem', { name: '单位管理' }).click();
        await page.waitForURL(/\/console\/organisations/);
        await expect(page.locator('.ant-table-row').first().waitFor()).resolves.toBeUndefined();
        await page.getByRole('button', { name: '批量导入' }).click();
        await page.waitForURL(/\/console\/organisations\/import$/);

        // Step 1: the template.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /下载模板/ }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('单位导入模板.xlsx');
        const templatePath = path.join(SCREENSHOT_DIR, '..', '.admin-template.xlsx');
        await download.saveAs(templatePath);

        const rows = [1, 2, 3, 4, 5].map((n) => [`${NAME_PREFIX}${n}号有限公司`, '企业', uscc(90 + n), '150102']);
        const broken = rows.map((r) => [...r]);
        broken[2]![2] = badUscc(93);
        const bad = await fillTemplate(templatePath, broken);
        const good = await fillTemplate(templatePath, rows);
        fs.rmSync(templatePath, { force: true });

        // Step 2: upload the file with one bad credit code; the report names row 5 (third data row) in Chinese.
        const input = page.locator('[data-testid=import-upload]');
        await input.setInputFiles({
          name: '单位导入.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: bad,
        });
        const report = page.locator('[data-testid=import-report]');
        await report.waitFor({ timeout: 90_000 });
        const reportRows = await report.locator('tbody tr.ant-table-row').allTextContents();
        expect(reportRows).toHaveLength(1);
        expect(reportRows[0]).toContain('5');
        expect(reportRows[0]).toContain('统一社会信用代码');
        expect(reportRows[0]).toContain('统一社会信用代码无效（GB 32100：18 位，校验码不符）');
        await expect(page.locator('[data-testid=import-commit]').count()).resolves.toBe(0);
        await expect(page.getByText('发现 1 个问题，未写入任何数据').isVisible()).resolves.toBe(true);
        await shot(page, 'import-report');

        // Fix the file, upload again: clean report, commit.
        await page.getByRole('button', { name: /重新上传/ }).click();
        await page.locator('[data-testid=import-upload]').setInputFiles({
          name: '单位导入（已修改）.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: good,
        });
        const commit = page.locator('[data-testid=import-commit]');
        await commit.waitFor({ timeout: 90_000 });
        await expect(page.getByText('校验通过：5 行全部符合要求').isVisible()).resolves.toBe(true);
        await shot(page, 'import-validated');
        await commit.click();
        const done = page.locator('[data-testid=import-done]');
        await done.waitFor({ timeout: 90_000 });
        await expect(done.textContent()).resolves.toContain('已写入 5 个单位');
        await shot(page, 'import-done');

        // The list finds them by name; the search is in the URL.
        await done.getByRole('button', { name: '查看单位列表' }).click();
        await page.waitForURL(/\/console\/organisations$/);
        await page.getByLabel('按名称或信用代码搜索').fill(NAME_PREFIX);
        await page.getByLabel('按名称或信用代码搜索').press('Enter');
        await page.waitForURL(/q=/);
        await page.getByText('共 5 个单位').waitFor();
        const names = await page.locator('.ant-table-row td:first-child a').allTextContents();
        expect(names.sort()).toEqual(rows.map((r) => r[0]).sort());
        expect(decodeURIComponent(new URL(page.url()).search)).toContain(`q=${NAME_PREFIX}`);
        await shot(page, 'organisations-found');

        // A reload keeps the filter (it lives in the URL).
        await page.reload();
        await page.getByText('共 5 个单位').waitFor();

        // The detail page of one of them.
        await page.getByRole('link', { name: `${NAME_PREFIX}1号有限公司` }).click();
        await page.waitForURL(/\/console\/organisations\/\d+$/);
        await page.getByText(uscc(91)).waitFor();
        await page.getByText('相似单位').waitFor();
        await shot(page, 'organisation-detail');
      }),
    300_000,
  );

  it(
    'shows the contract message for a bad credit code in the create form',
    () =>
      journey(stack.browser, 'create', async ({ page }) => {
        await signIn(page, stack.baseUrl, 'county-150102');
        await page.waitForURL(/\/console\/?$/);
        await page.goto(`${stack.baseUrl}/console/organisations`);
        await page.getByRole('button', { name: '新增单位' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('单位名称').fill('E2E表单测试有限公司');
        await dialog.getByLabel('统一社会信用代码').fill(badUscc(7));
        await dialog.locator('button[type=submit]').click();
        await dialog.getByText('统一社会信用代码无效（GB 32100：18 位，校验码不符）').waitFor();
        await dialog.getByText('请选择单位类型').waitFor();
        await shot(page, 'create-organisation-invalid');

        // Fixed: created, and the page moves to the new organisation.
        await dialog.getByLabel('统一社会信用代码').fill(uscc(7));
        await dialog.getByRole('combobox', { name: '单位类型' }).click();
        await page.getByTitle('企业', { exact: true }).click();
        await dialog.locator('button[type=submit]').click();
        await page.waitForURL(/\/console\/organisations\/\d+$/);
        await page.getByText('已登记单位：E2E表单测试有限公司').waitFor();
      }),
    300_000,
  );

  it(
    'lets the audit administrator sign in with TOTP, find the import, verify the chain and export',
    () =>
      journey(stack.browser, 'audit', async ({ page }) => {
        await signIn(page, stack.baseUrl, 'auditadmin');
        const secret = page.locator('[data-testid=totp-secret]');
        await secret.waitFor();
        const code = new TOTP({ secret: Secret.fromBase32((await secret.textContent())!.trim()) }).generate();
        await page.getByLabel('6 位动态口令').fill(code);
        await page.locator('button[type=submit]').click();
        await page.waitForURL(/\/console\/?$/);

        await page.getByRole('menuitem', { name: '审计日志' }).click();
        await page.waitForURL(/\/console\/audit/);
        await page.locator('.ant-table-row').first().waitFor();

        // Filter by the officer of the import (the actor link writes the filter into the URL), then by action.
        await page.goto(`${stack.baseUrl}/console/audit?actor=league-150100&action=import.commit`);
        await page.locator('.ant-table-row').first().waitFor();
        const actions = await page.locator('.ant-table-row').allTextContents();
        expect(actions.length).toBe(1);
        expect(actions[0]).toContain('提交导入');
        expect(actions[0]).toContain('league-150100');

        await page.getByRole('button', { name: /校验审计链/ }).click();
        const verdict = page.locator('[data-testid=audit-verify-result]');
        await verdict.waitFor();
        await expect(verdict.textContent()).resolves.toContain('审计链完整');
        await shot(page, 'audit');

        const [file] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /导出 CSV/ }).click(),
        ]);
        expect(file.suggestedFilename()).toMatch(/\.csv$/);
        const csv = fs.readFileSync((await file.path())!, 'utf8');
        expect(csv).toContain('import.commit');
        expect(csv).not.toContain('organisation.create');
      }),
    300_000,
  );
  it(
    'reviews self-registrations, approves an organisation and shows full personal data on request',
    () =>
      journey(stack.browser, 'accounts', async ({ page }) => {
        const register = async (body: Record<string, unknown>) => {
          const res = await fetch(`${stack.baseUrl}/api/registrations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ password: 'Register#2026x', divisionCode: '150102', ...body }),
          });
          expect(res.status).toBe(201);
        };
        await register({ role: 'farmer', username: 'e2e-farmer', displayName: 'E2E牧民甲', phone: '13900000001' });
        await register({
          role: 'enterprise',
          username: 'e2e-ent-b',
          displayName: 'E2E企业乙',
          phone: '13900000002',
          organisation: { name: 'E2E乙科技有限公司', uscc: uscc(201) },
        });
        await register({
          role: 'enterprise',
          username: 'e2e-ent-c',
          displayName: 'E2E企业丙',
          phone: '13900000003',
          organisation: { name: 'E2E丙科技有限公司', uscc: uscc(202) },
        });

        await signIn(page, stack.baseUrl, 'county-150102');
        await page.waitForURL(/\/console\/?$/);
        await page.getByRole('menuitem', { name: '注册审核' }).click();
        await page.getByRole('button', { name: '驳回 E2E牧民甲' }).waitFor();

        // Reject with a reason: one character is refused by the contract, two are enough.
        await page.getByRole('button', { name: '驳回 E2E牧民甲' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/驳回理由/).fill('缺');
        await dialog.getByRole('button', { name: '确认驳回' }).click();
        await dialog.getByText('至少 2 个字符').waitFor();
        await dialog.getByLabel(/驳回理由/).fill('材料不全，请补充身份证明');
        await dialog.getByRole('button', { name: '确认驳回' }).click();
        await page.getByText('已驳回 E2E牧民甲 的注册').waitFor();
        await page.getByRole('button', { name: '驳回 E2E牧民甲' }).waitFor({ state: 'detached' });

        await page.getByRole('button', { name: '通过 E2E企业乙' }).click();
        await page.getByText('已通过 E2E企业乙 的注册').waitFor();
        await page.getByRole('button', { name: '通过 E2E企业乙' }).waitFor({ state: 'detached' });
        await shot(page, 'registrations');

        // The status filter lives in the URL.
        await page.getByText('已驳回', { exact: true }).click();
        await page.waitForURL(/status=rejected/);
        // In the rejected list (the 已驳回 … notice may still be on screen).
        await page.locator('tbody').getByText('E2E牧民甲').first().waitFor();

        // The third enterprise's organisation is approved on its own page.
        await page.goto(`${stack.baseUrl}/console/organisations?status=pending`);
        await page.getByRole('link', { name: 'E2E丙科技有限公司' }).click();
        await page.getByText('该单位随企业自助注册提交，尚待审核。').waitFor();
        await page.getByRole('button', { name: '审核通过' }).click();
        await page
          .getByRole('tooltip')
          .getByRole('button', { name: /通\s*过/ })
          .click();
        await page.getByText('单位已审核通过').waitFor();
        await page.getByText('该单位随企业自助注册提交，尚待审核。').waitFor({ state: 'detached' });

        // The approved enterprise user: masked, then the audited full view.
        await page.goto(`${stack.baseUrl}/console/users?q=e2e-ent-b`);
        await page.getByRole('link', { name: 'e2e-ent-b' }).click();
        await expect(page.getByTestId('user-phone').textContent()).resolves.toBe('139****0002');
        await page.getByRole('button', { name: /查看完整信息/ }).click();
        await page.getByText('本次查看已记入审计日志').waitFor();
        await expect(page.getByTestId('user-phone').textContent()).resolves.toBe('13900000002');
        await shot(page, 'user-full-view');
      }),
    300_000,
  );

  it(
    'lets the security administrator grant within scope, keep 三员分立, reset a password (link to the holder) and disable',
    () =>
      journey(stack.browser, 'secadmin', async ({ page }) => {
        await signIn(page, stack.baseUrl, 'secadmin');
        const secret = page.locator('[data-testid=totp-secret]');
        await secret.waitFor();
        const code = new TOTP({ secret: Secret.fromBase32((await secret.textContent())!.trim()) }).generate();
        await page.getByLabel('6 位动态口令').fill(code);
        await page.locator('button[type=submit]').click();
        await page.waitForURL(/\/console\/?$/);
        await page.goto(`${stack.baseUrl}/console/users?q=e2e-ent-b`);
        await page.getByRole('link', { name: 'e2e-ent-b' }).click();
        await page.getByText('授予角色').waitFor();
        // No full view without pi:view_full.
        await expect(page.getByRole('button', { name: /查看完整信息/ }).count()).resolves.toBe(0);

        await page.getByRole('combobox', { name: '角色' }).click();
        await expect(
          page.locator('.ant-select-item-option-disabled').filter({ hasText: '审计管理员' }).count(),
        ).resolves.toBe(1);
        await page.locator('.ant-select-item-option').filter({ hasText: '专家/科技特派员' }).click();
        await page.getByRole('button', { name: /授\s*予/ }).click();
        await page.getByText('已授予 专家/科技特派员').waitFor();
        await page.getByRole('button', { name: '撤销 专家/科技特派员' }).waitFor();

        await page.getByRole('button', { name: /重置密码/ }).click();
        await page
          .getByRole('tooltip')
          .getByRole('button', { name: /重\s*置/ })
          .click();
        // No credential for the resetter: only where the one-time link went (demo mode without an SMS gateway: the
        // operator hands it over) and until when.
        const delivery = page.getByTestId('reset-delivery');
        await delivery.waitFor();
        await page.getByRole('tooltip').waitFor({ state: 'hidden' });
        await expect(delivery.textContent()).resolves.toContain('由运维人员当面转交本人');
        await expect(page.getByTestId('temporary-password').count()).resolves.toBe(0);
        await shot(page, 'reset-delivery');
        await page.getByRole('button', { name: /知道了/ }).click();
        await delivery.waitFor({ state: 'detached' });

        await page.getByRole('button', { name: /停用账户/ }).click();
        await page
          .getByRole('tooltip')
          .getByRole('button', { name: /停\s*用/ })
          .click();
        await page.getByText('账户已停用').waitFor();
        await page.getByRole('button', { name: /启用账户/ }).waitFor();
        await shot(page, 'user-admin');
      }),
    300_000,
  );
});
