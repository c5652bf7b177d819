import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shipped `resources/` folder is: beside package.json when run from a checkout or an npm
 * install (source through tsx, or the built `out/main`), or `process.resourcesPath` in a packaged app.
 */
export function resourcesDir(): string {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && fs.existsSync(path.join(packaged, 'resources'))) return path.join(packaged, 'resources');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'resources'))) return path.join(dir, 'resources');
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the resources folder next to package.json');
    dir = up;
  }
}

/** The folder holding the built renderer (index.html + assets), for serve mode. */
export function rendererDir(): string {
  return path.join(path.dirname(resourcesDir()), 'out', 'renderer');
}

/**
 * The same folder Electron's `app.getPath('userData')` gives the desktop app, so serve mode and
 * the CLI see the user's data. MARKETDESK_DATA_DIR overrides it.
 */
export function defaultDataDir(): string {
  if (process.env.MARKETDESK_DATA_DIR) return path.resolve(process.env.MARKETDESK_DATA_DIR);
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '.';
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Marketdesk');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Marketdesk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Marketdesk');
}
