import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

test.describe('workspace in serve mode', () => {
  let dataDir: string;
  test.beforeEach(() => {
    dataDir = newDataDir();
  });
  test.afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('loads, refuses access without the token, and shows the status bar', async ({ page, browser }) => {
    const serve = await startServe(dataDir);
    try {
      const anon = await browser.newPage();
      const denied = await anon.goto(serve.origin + '/');
      expect(denied?.status()).toBe(401);
      await anon.close();

      await page.goto(serve.url);
      await expect(page.getByText('Marketdesk').first()).toBeVisible();
      await expect(page.getByTestId('connection-state')).toHaveText(/browser · connected/);
      await expect(page.getByTestId('statusbar')).toContainText('keychain: available');
      await expect(page.getByTestId('clock')).toHaveText(/\d\d:\d\d:\d\d UTC/);
      // The token left the address bar once the cookie was set.
      expect(page.url()).not.toContain('token=');
      await expect(page.locator('.dv-tab', { hasText: 'Settings' })).toBeVisible();
    } finally {
      await serve.stop();
    }
  });

  test('panels dock, close, reopen from the menu, and the layout persists across a restart', async ({ page }) => {
    let serve = await startServe(dataDir);
    try {
      await page.goto(serve.url);
      const settingsTab = page.locator('.dv-tab', { hasText: 'Settings' });
      await expect(settingsTab).toBeVisible();

      // Close the panel, then reopen it from the Panels menu.
      await settingsTab.hover();
      await page.locator('.dv-tab', { hasText: 'Settings' }).locator('.dv-default-tab-action').click();
      await expect(settingsTab).toHaveCount(0);
      await page.getByRole('button', { name: 'Panels ▾' }).click();
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await expect(settingsTab).toBeVisible();

      // Float it: a floating group is a layout change that must survive a restart.
      await page.getByRole('button', { name: 'Float panel' }).click();
      await expect(page.locator('.dv-resize-container .dv-tab', { hasText: 'Settings' })).toBeVisible();
      await page.waitForTimeout(900); // the layout is saved after a short debounce
    } finally {
      await serve.stop();
    }

    serve = await startServe(dataDir);
    try {
      await page.goto(serve.url);
      await expect(page.locator('.dv-resize-container .dv-tab', { hasText: 'Settings' })).toBeVisible();

      // Reset layout brings the docked default back.
      await page.getByRole('button', { name: 'Reset layout' }).click();
      await expect(page.getByTestId('notice')).toContainText('default layout was restored');
      await expect(page.locator('.dv-resize-container .dv-tab')).toHaveCount(0);
      await expect(page.locator('.dv-tab', { hasText: 'Settings' })).toBeVisible();
    } finally {
      await serve.stop();
    }
  });

  test('a corrupt saved layout falls back to the default with a notice and keeps other layouts', async ({ page }) => {
    const serve = await startServe(dataDir);
    try {
      await page.goto(serve.url);
      await expect(page.locator('.dv-tab', { hasText: 'Settings' })).toBeVisible();
      // Write a damaged "default" layout and an intact second layout through the app's own channel.
      const saved = await page.evaluate(async () => {
        const ws = new WebSocket(`ws://${location.host}/ws`);
        await new Promise((r) => (ws.onopen = r));
        const call = (id: number, ch: string, p: unknown) =>
          new Promise((resolve) => {
            ws.addEventListener('message', (ev) => {
              const m = JSON.parse(String(ev.data));
              if (m.id === id) resolve(m.r);
            });
            ws.send(JSON.stringify({ t: 'req', id, ch, p }));
          });
        await call(1, 'layouts.save', { name: 'default', version: 1, data: { grid: 'broken', panels: { x: { contentComponent: 'no-such-panel' } } } });
        await call(2, 'layouts.save', { name: 'trading', version: 1, data: { keep: true } });
        return call(3, 'layouts.list', {});
      });
      expect((saved as { value: { name: string }[] }).value.map((l) => l.name).sort()).toEqual(['default', 'trading']);
      await page.reload();
      await expect(page.getByTestId('notice')).toContainText('could not be restored');
      await expect(page.locator('.dv-tab', { hasText: 'Settings' })).toBeVisible();
      const after = await page.evaluate(async () => {
        const ws = new WebSocket(`ws://${location.host}/ws`);
        await new Promise((r) => (ws.onopen = r));
        return new Promise((resolve) => {
          ws.onmessage = (ev) => resolve(JSON.parse(String(ev.data)).r);
          ws.send(JSON.stringify({ t: 'req', id: 1, ch: 'layouts.load', p: { name: 'trading' } }));
        });
      });
      expect((after as { value: { data: unknown } }).value.data).toEqual({ keep: true });
    } finally {
      await serve.stop();
    }
  });
});
