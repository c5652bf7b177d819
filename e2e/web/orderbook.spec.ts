import fs from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

/**
 * The live order book path end to end: serve mode starts the demo venue, main opens the venue's raw
 * depth socket and REST snapshot, and the panels show the ladder, the depth chart and the
 * aggregated book updating.
 */
test.describe('order book panels on the demo venue', () => {
  let dataDir: string;
  test.beforeEach(() => {
    dataDir = newDataDir();
  });
  test.afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const num = async (l: Locator): Promise<number> => Number(((await l.textContent()) ?? '').replace(/,/g, ''));

  test('ladder levels update, grouping and price pick work, depth chart and aggregated book render', async ({ page }) => {
    const serve = await startServe(dataDir);
    try {
      await page.goto(serve.url);
      await page.locator('.dv-tab', { hasText: 'Order book' }).click();
      const panel = page.getByTestId('orderbook-panel');
      await expect(panel.getByTestId('demo-badge')).toHaveText('DEMO');
      await expect(panel.getByTestId('book-status')).toHaveText('live', { timeout: 20_000 });

      // both sides filled, best ask above best bid, spread shown
      const bids = panel.getByTestId('book-bid-row');
      const asks = panel.getByTestId('book-ask-row');
      await expect.poll(() => bids.count()).toBeGreaterThan(5);
      await expect.poll(() => asks.count()).toBeGreaterThan(5);
      // both read in one pass over the DOM: the demo market moves between two separate reads
      const [bestBid, bestAsk] = await panel.evaluate((el) => {
        const price = (sel: string) => Number((el.querySelector(sel)?.textContent ?? '').replace(/,/g, ''));
        return [price('tr.spread-row + tr [data-testid=book-price]'), price('tr[data-testid=book-ask-row]:has(+ tr.spread-row) [data-testid=book-price]')];
      });
      expect(bestBid).toBeGreaterThan(0);
      expect(bestAsk).toBeGreaterThan(bestBid);
      await expect(panel.getByTestId('book-spread')).toHaveText(/^\d[\d,]*\.\d+$/);
      await expect(panel.getByTestId('book-imbalance')).toHaveText(/^[+-]\d+\.\d%$/);

      // the book keeps moving: the applied update id advances
      const firstId = await panel.getByTestId('book-last-id').textContent();
      await expect.poll(() => panel.getByTestId('book-last-id').textContent(), { timeout: 10_000 }).not.toBe(firstId);

      // grouping by 10: every bid bucket is a multiple of 10, and still below every ask bucket
      await panel.getByTestId('book-group').selectOption('10');
      await expect.poll(async () => (await num(bids.first().getByTestId('book-price'))) % 10, { timeout: 5000 }).toBe(0);
      // one pass over the DOM: live rows re-render between separate reads
      const grouped = await panel.evaluate((el) =>
        [...el.querySelectorAll('[data-testid=book-bid-row] [data-testid=book-price]')].map((p) => Number((p.textContent ?? '').replace(/,/g, ''))),
      );
      expect(grouped.every((p) => p % 10 === 0)).toBe(true);
      expect(grouped).toEqual([...grouped].sort((a, b) => b - a));

      // a click on a row publishes its price for the order form
      // read and click the same row in one DOM pass: the live ladder re-renders between separate steps
      const picked = await panel.evaluate((el) => {
        const row = el.querySelectorAll<HTMLElement>('[data-testid=book-bid-row]')[1]!;
        const text = row.querySelector('[data-testid=book-price]')?.textContent ?? '';
        row.click();
        return Number(text.replace(/,/g, ''));
      });
      await expect(panel.getByTestId('book-picked')).toContainText(picked.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

      // depth chart: an echarts canvas fed by the same live book
      await page.locator('.dv-tab', { hasText: 'Depth chart' }).click();
      const depth = page.getByTestId('depth-chart-panel');
      await expect(depth.getByTestId('book-status')).toHaveText('live', { timeout: 20_000 });
      await expect(depth.locator('canvas').first()).toBeVisible();
      await expect(depth.getByTestId('depth-levels')).toHaveText(/^\d{2,} \/ \d{2,} levels$/);
      const mid = await depth.getByTestId('book-mid').textContent();
      await expect.poll(() => depth.getByTestId('book-mid').textContent(), { timeout: 15_000 }).not.toBe(mid);

      // aggregated book from the Panels menu: the one demo exchange has the best prices
      await page.getByRole('button', { name: 'Panels ▾' }).click();
      await page.getByRole('menuitem', { name: 'Aggregated book' }).click();
      const agg = page.getByTestId('aggregated-panel');
      await expect(agg.getByTestId('agg-best-bid')).toContainText('@ binance', { timeout: 20_000 });
      await expect(agg.getByTestId('agg-best-ask')).toContainText('@ binance');
      await expect.poll(() => agg.getByTestId('agg-bid-row').count()).toBeGreaterThan(3);
      await expect(agg.getByTestId('demo-badge')).toBeVisible();
    } finally {
      await serve.stop();
    }
  });
});
