import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh, isolated data folder per test, removed afterwards by the caller. */
export function tempDataDir(prefix = 'marketdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A minimal built renderer for serve-mode tests that exercise HTTP and the WebSocket only. */
export function tempRendererDir(): string {
  const dir = tempDataDir('marketdesk-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Marketdesk</title><div id="root"></div>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("marketdesk")');
  return dir;
}
