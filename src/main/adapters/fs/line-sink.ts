import fs from 'node:fs';
import path from 'node:path';
import type { LineSink, LineSinkFactory } from '../../ports/book-source';

/**
 * Appends lines to `<dir>/<name>` through one write stream, so a busy feed (tens of messages a
 * second) never does a synchronous write on the main event loop.
 */
export function fileLineSinks(dir: string): LineSinkFactory {
  return (name: string): LineSink => {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`recording file name "${name}" may hold only letters, digits, ".", "_" and "-"`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    const stream = fs.createWriteStream(file, { flags: 'a' });
    let failed: Error | null = null;
    stream.on('error', (err) => (failed = err));
    return {
      path: file,
      write: (line) => {
        if (failed) throw new Error(`recording to ${file} failed: ${failed.message}`);
        stream.write(`${line}\n`);
      },
      close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
    };
  };
}
