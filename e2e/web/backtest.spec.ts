import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

/**
 * The first thing a new user does: open the Backtest panel, run rsi-reversal on the embedded
 * dataset, watch the progress bar finish, and read the charts and the metrics table.
 */
test('rsi-reversal on the embedded dataset: progress, charts, metrics, history', async ({ page }) => {
  const dataDir = newDataDir();
  const serve = await startServe(dataDir);
  try {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Panels ▾' }).click();
    await page.getByRole('menuitem', { name: 'Backtest' }).click();
    const panel = page.getByTestId('backtest-panel');
    await expect(panel).toBeVisible();

    // The embedded dataset is there on first start, with its provenance and real gaps.
    await expect(panel.getByTestId('bt-dataset')).toContainText('binance BTC/USDT 1h · embedded · 8,747 bars');
    await expect(panel.getByTestId('bt-provenance')).toContainText('13 missing bars in 6 gaps');
    await panel.getByTestId('bt-strategy').selectOption('rsi-reversal');
    await expect(panel.getByTestId('bt-param-rsiPeriod')).toHaveValue('14');

    await panel.getByTestId('bt-run').click();
    await expect(panel.getByTestId('bt-progress')).toHaveAttribute('data-state', 'done');
    await expect(panel.getByTestId('bt-progress-text')).toContainText('8,747 / 8,747 bars');

    // Charts render to canvas.
    for (const id of ['bt-equity-chart', 'bt-drawdown-chart', 'bt-candle-chart']) {
      await expect(panel.getByTestId(id).locator('canvas').first()).toBeVisible();
    }
    await expect(panel.getByTestId('bt-headline')).toContainText('8,747 bars · db:binance:BTC/USDT:1h');

    // The metrics table, grouped, with a definition as tooltip on each metric.
    const metrics = panel.getByTestId('bt-metrics');
    await expect(metrics.locator('caption')).toHaveText(['Returns', 'Risk', 'Risk-adjusted', 'Trade statistics', 'Efficiency', 'Advanced']);
    await expect(metrics.getByTestId('metric-sharpeRatio').locator('th')).toHaveAttribute('title', /mean\(r − rf\)/);
    expect(await metrics.locator('tr').count()).toBeGreaterThanOrEqual(30);
    await expect(panel.getByTestId('bt-grade')).toBeVisible();
    expect(await panel.getByTestId('bt-trades').locator('tbody tr').count()).toBeGreaterThan(0);

    // The run was persisted: it is in the history, and survives in the database file.
    await panel.getByTestId('bt-history-tab').click();
    await expect(panel.getByTestId('bt-history').locator('tbody tr')).toHaveCount(1);
    expect(fs.existsSync(path.join(dataDir, 'marketdesk.db'))).toBe(true);

    // The dataset exports as CSV through a browser download.
    const downloading = page.waitForEvent('download');
    await panel.getByTestId('bt-export-dataset').click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe('binance_BTCUSDT_1h.csv');
    const csv = fs.readFileSync((await file.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('open_time,datetime_utc,open,high,low,close,volume');
    expect(csv).toHaveLength(8748);

    // An import with a bad row is refused with its line number.
    await panel.getByRole('button', { name: 'Import CSV…' }).click();
    const dialog = page.getByTestId('bt-import-dialog');
    await dialog.getByTestId('bt-import-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('time,open,high,low,close,volume\n1704067200000,10,11,9,10,1\n1704070800000,10,9,8,9,1\n'),
    });
    await dialog.getByTestId('bt-import-exchange').fill('mine');
    await dialog.getByTestId('bt-import-symbol').fill('abc/usdt');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByTestId('bt-import-error')).toContainText('bad.csv:3: high');
  } finally {
    await serve.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
