import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

/**
 * Downloading candles from the Backtest panel: the DEMO connection (the local venue, offered while
 * no keys are stored), a short 1h range, the progress bar to "done", and the new dataset in the
 * dataset picker with its bar count.
 */
test('download a short DEMO range and find it in the dataset picker', async ({ page }) => {
  const dataDir = newDataDir();
  const serve = await startServe(dataDir);
  try {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Panels ▾' }).click();
    await page.getByRole('menuitem', { name: 'Backtest' }).click();
    const panel = page.getByTestId('backtest-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('bt-dataset')).not.toContainText('binance-demo');

    await panel.getByTestId('bt-download-open').click();
    const dialog = page.getByTestId('bt-download-dialog');
    await expect(dialog.getByTestId('bt-download-connection')).toContainText('DEMO');
    await expect(dialog.getByTestId('bt-download-symbol')).toHaveValue('BTC/USDT');
    await dialog.getByTestId('bt-download-timeframe').selectOption('1h');
    // Two whole UTC days that closed before today: 48 hourly bars, fewer only where the replayed real data has a gap.
    const day = 86_400_000;
    const d0 = new Date(Date.now() - 3 * day).toISOString().slice(0, 10);
    const d1 = new Date(Date.now() - 2 * day).toISOString().slice(0, 10);
    await dialog.getByTestId('bt-download-from').fill(d0);
    await dialog.getByTestId('bt-download-to').fill(d1);
    await dialog.getByTestId('bt-download-start').click();

    await expect(dialog.getByTestId('bt-download-progress')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    const text = await dialog.getByTestId('bt-download-progress-text').textContent();
    const bars = Number(/(\d+) bars → binance-demo BTC\/USDT 1h/.exec(text ?? '')?.[1]);
    expect(bars).toBeGreaterThanOrEqual(40);
    expect(bars).toBeLessThanOrEqual(48);
    await expect(panel.getByTestId('bt-dataset')).toContainText(`binance-demo BTC/USDT 1h · downloaded · ${bars} bars`);

    // A second download of the same range fetches nothing: the store already holds it.
    await dialog.getByTestId('bt-download-start').click();
    await expect(dialog.getByTestId('bt-download-progress')).toHaveAttribute('data-state', 'done');
    await expect(dialog).toContainText('the store already holds every closed bar of this range');
  } finally {
    await serve.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
