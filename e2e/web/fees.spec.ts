import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

test('the Fees panel opens from the Panels menu, computes a fee, compares exchanges and shows the schedule source', async ({ page }) => {
  const dataDir = newDataDir();
  const serve = await startServe(dataDir);
  try {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Panels ▾' }).click();
    await page.getByRole('menuitem', { name: 'Fees' }).click();
    const panel = page.getByTestId('fees-panel');
    await expect(panel).toBeVisible();

    await page.getByTestId('fee-exchange').selectOption('binance');
    await page.getByTestId('fee-amount').fill('0.5');
    await page.getByTestId('fee-price').fill('30000');
    // Market order, Regular tier: 0.5 × 30000 × 0.001 = 15 USDT, taker.
    await expect(page.getByTestId('fee-calc-amount')).toHaveText('15 USDT');
    await expect(page.getByTestId('fee-calc-role')).toHaveText('taker');
    const schedule = page.getByTestId('fee-calc-schedule');
    await expect(schedule).toContainText('binance_spot_2022-06-01');
    await expect(schedule).toContainText('from 2022-06-01');
    await expect(schedule).toContainText('verified');
    await expect(schedule).toContainText('binance.com/en/support/announcement');

    // A resting limit order at VIP 1 pays maker: 15000 × 0.0009 = 13.5.
    await page.getByTestId('fee-tier').selectOption('VIP 1');
    await page.getByTestId('fee-type-limit').click();
    await expect(page.getByTestId('fee-calc-amount')).toHaveText('13.5 USDT');
    await expect(page.getByTestId('fee-calc-role')).toHaveText('maker');

    // Comparison across exchanges: every exchange with a spot schedule, VIP 1 on each.
    const compare = page.getByTestId('fee-compare');
    await expect(compare.getByTestId('fee-compare-row-binance')).toContainText('13.5');
    for (const ex of ['bybit', 'okx', 'bitget', 'bingx']) await expect(compare.locator(`[data-testid^="fee-compare-"][data-testid$="-${ex}"]`)).toHaveCount(1);
    const takerFees = await compare.locator('tbody tr[data-testid^="fee-compare-row-"] td:nth-child(5)').allTextContents();
    const numbers = takerFees.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    // Tier ladder: 2M volume and 30 BNB reach VIP 1; VIP 2 needs 5M, so 3M more.
    await page.getByTestId('fee-volume').fill('2000000');
    await panel.getByLabel('BNB balance').fill('30');
    await expect(page.getByTestId('fee-tier-position')).toContainText('VIP 1');
    await expect(page.getByTestId('fee-next-shortfall')).toContainText('3000000');

    // A bad import is refused with the field path, and nothing appears in the list.
    await page.getByTestId('fee-import-text').fill(
      JSON.stringify({
        format: 'marketdesk.fee-schedules/1',
        schedules: [{ id: 'mine', exchange: 'binance', market: 'spot', effectiveFrom: null, verified: false, source: { kind: 'user', url: null, title: null }, tiers: [{ name: 'Regular', maker: 'x', taker: '0.001', thresholds: {} }] }],
      }),
    );
    await page.getByTestId('fee-import-submit').click();
    await expect(page.getByTestId('fee-import-message')).toContainText('schedules[0].tiers[0].maker');
    await expect(page.getByTestId('fee-schedule-mine')).toHaveCount(0);
  } finally {
    await serve.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("Account rates: fetching the demo venue's own rates makes them the schedule in use, labelled exchange-reported", async ({ page }) => {
  const dataDir = newDataDir();
  const serve = await startServe(dataDir);
  try {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Panels ▾' }).click();
    await page.getByRole('menuitem', { name: 'Fees' }).click();
    await page.getByTestId('fee-amount').fill('0.5');
    await page.getByTestId('fee-price').fill('30000');
    await expect(page.getByTestId('fee-calc-schedule')).toContainText('binance_spot_2022-06-01');

    await expect(page.getByTestId('fee-account-connection')).toHaveValue('binance:DEMO');
    await page.getByTestId('fee-account-fetch').click();
    const result = page.getByTestId('fee-account-result');
    await expect(result).toContainText('exchange-reported');
    await expect(result).toContainText('ccxt fetchTradingFees, fetched at');
    // The demo venue charges 0.1 %: 0.5 × 30000 × 0.001 = 15 USDT, now from the account's own rates.
    await expect(page.getByTestId('fee-calc-amount')).toHaveText('15 USDT');
    await expect(page.getByTestId('fee-calc-schedule')).toContainText('binance_spot_account');
    await expect(page.getByTestId('fee-calc-schedule')).toContainText('exchange-reported (ccxt fetchTradingFees) for binance:DEMO');
  } finally {
    await serve.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
