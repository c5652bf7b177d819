import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newDataDir, startServe } from '../serve-fixture';

test('an API key is added, listed without its secret, and deleted after confirmation', async ({ page }) => {
  const dataDir = newDataDir();
  const serve = await startServe(dataDir);
  const label = `e2e${Date.now().toString(36)}`;
  const secret = `S3CR3T${Math.random().toString(36).slice(2)}${Date.now()}`;
  try {
    await page.goto(serve.url);
    // The default layout opens on the market panels; Settings is a tab beside Connections.
    await page.locator('.dv-tab', { hasText: 'Settings' }).click();
    await expect(page.getByTestId('no-keys')).toBeVisible();
    await page.getByTestId('key-exchange').selectOption('okx');
    // OKX needs a passphrase: the form asks for it.
    await expect(page.getByTestId('key-password')).toBeVisible();
    await page.getByTestId('key-label').fill(label);
    await page.getByTestId('key-apikey').fill('AKE2E123');
    await page.getByTestId('key-secret').fill(secret);
    await page.getByTestId('key-password').fill('pass-e2e');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.getByTestId('key-form-message')).toContainText('saved to the keychain');

    const row = page.getByTestId(`key-row-okx:${label}`);
    await expect(row).toContainText('in keychain');
    // The secret is nowhere in the page, and the form was cleared.
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByTestId('key-secret')).toHaveValue('');

    // A duplicate label is refused with a message naming the problem.
    await page.getByTestId('key-exchange').selectOption('okx');
    await page.getByTestId('key-label').fill(label);
    await page.getByTestId('key-apikey').fill('other');
    await page.getByTestId('key-secret').fill('other');
    await page.getByTestId('key-password').fill('other');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.getByTestId('key-form-message')).toContainText('already exists');

    // Nor in any file Marketdesk wrote.
    for (const f of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const full = path.join(dataDir, f);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(Buffer.from(secret)), f).toBe(false);
    }

    await row.getByRole('button', { name: 'Delete…' }).click();
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByTestId('no-keys')).toBeVisible();
  } finally {
    await serve.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('without an OS keychain the UI says so and adding a key fails with that reason', async ({ page }) => {
  const dataDir = newDataDir();
  // Point the app at a D-Bus that does not exist: no Secret Service can answer.
  const serve = await startServe(dataDir, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/marketdesk-bus' });
  try {
    await page.goto(serve.url);
    // The default layout opens on the market panels; Settings is a tab beside Connections.
    await page.locator('.dv-tab', { hasText: 'Settings' }).click();
    await expect(page.getByTestId('keychain-error')).toContainText('OS keychain is not available');
    await expect(page.getByTestId('statusbar')).toContainText('keychain: unavailable');
    await page.getByTestId('key-exchange').selectOption('binance');
    await page.getByTestId('key-label').fill('main');
    await page.getByTestId('key-apikey').fill('AK');
    await page.getByTestId('key-secret').fill('NEVERSTORED');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.getByTestId('key-form-message')).toContainText('OS keychain is not available');
    await expect(page.getByTestId('no-keys')).toBeVisible();
  } finally {
    await serve.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
