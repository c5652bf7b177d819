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
