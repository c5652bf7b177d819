import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

/**
 * A first start with no API keys: the app starts the local venue, connects real ccxt to it, and the
 * default layout shows DEMO data moving in the chart, the watchlist and the trades tape.
 */
test.describe('demo venue on first start', () => {
  let dataDir: string;
  test.beforeEach(() => {
    dataDir = newDataDir();
  });
  test.afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function text(page: Page, testId: string): Promise<string> {
    return (await page.getByTestId(testId).first().textContent()) ?? '';
  }

  test('shows DEMO data moving in the chart, watchlist and tape', async ({ page }) => {
    const serve = await startServe(dataDir);
    try {
      await page.goto(serve.url);
      for (const title of ['Chart', 'Watchlist', 'Trades', 'Connections', 'Settings']) await expect(page.locator('.dv-tab').filter({ hasText: new RegExp(`^${title}$`) })).toBeVisible();

      // Labelled DEMO, and the connection is healthy.
      await expect(page.getByTestId('chart-panel').getByTestId('demo-badge')).toHaveText('DEMO');
      await expect(page.getByTestId('watchlist-panel').getByTestId('demo-badge')).toBeVisible();
      await expect(page.getByTestId('trades-panel').getByTestId('demo-badge')).toBeVisible();

      // Watchlist: the venue's markets with prices that change.
      const rows = page.getByTestId('watchlist-row');
      await expect(rows.first()).toContainText('BTC/USDT');
      await expect(page.getByTestId('watchlist-last').first()).toHaveText(/^\d{1,3}(,\d{3})*\.\d+$/);
      const firstPrice = await text(page, 'watchlist-last');
      await expect.poll(() => text(page, 'watchlist-last'), { timeout: 15_000 }).not.toBe(firstPrice);

      // Chart: opens on 1h with the recorded history, then on 1m live bars keep coming (the venue
      // replays an hour of 2021 per wall-clock minute, so a new 1m bar opens every second).
      await expect(page.getByRole('button', { name: '1h', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('chart-bars')).toHaveText(/^\d{3,} bars$/);
      await page.getByRole('button', { name: '1m', exact: true }).click();
      await expect(page.getByTestId('chart-bars')).toHaveText(/^\d+ bars$/);
      await expect(page.getByTestId('chart-panel').locator('canvas').first()).toBeVisible();
      const lastBar = await page.getByTestId('chart-bars').getAttribute('data-last-time');
      await expect.poll(() => page.getByTestId('chart-bars').getAttribute('data-last-time'), { timeout: 15_000 }).not.toBe(lastBar);
      const close = await text(page, 'chart-close');
      await expect.poll(() => text(page, 'chart-close'), { timeout: 15_000 }).not.toBe(close);

      // Tape: trades arrive and keep arriving.
      await expect(page.getByTestId('trade-row').first()).toBeVisible();
      const newest = await page.getByTestId('trade-row').first().textContent();
      await expect.poll(() => page.getByTestId('trade-row').first().textContent(), { timeout: 15_000 }).not.toBe(newest);

      // Timeframe switch reloads the chart at the new timeframe.
      await page.getByRole('button', { name: '1h', exact: true }).click();
      await expect(page.getByRole('button', { name: '1h', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('chart-bars')).toHaveText(/^\d{2,} bars$/);

      // Connections: the DEMO venue is up, with latency measured.
      await page.locator('.dv-tab', { hasText: 'Connections' }).click();
      const conn = page.getByTestId('connection-row').first();
      await expect(conn).toContainText('binance');
      await expect(conn).toContainText('DEMO');
      await expect(conn.getByTestId('connection-state')).toHaveText('up');
      await expect(conn).toContainText(/\d+ ms \/ \d+ ms/);
    } finally {
      await serve.stop();
    }
  });
});
