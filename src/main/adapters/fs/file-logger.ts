import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../ports/logger';

/**
 * Appends JSON lines to `<dataDir>/logs/marketdesk.log`. Callers never pass payloads; as a second
 * line of defence, values under keys that name credentials are replaced before writing.
 */
export class FileLogger implements Logger {
  readonly file: string;

  constructor(logDir: string, private readonly echo: boolean = false) {
    fs.mkdirSync(logDir, { recursive: true });
    this.file = path.join(logDir, 'marketdesk.log');
  }

  info(message: string, context?: Record<string, unknown>): void {
    this.write('info', message, context);
  }
  warn(message: string, context?: Record<string, unknown>): void {
    this.write('warn', message, context);
  }
  error(message: string, context?: Record<string, unknown>): void {
    this.write('error', message, context);
  }

  private write(level: string, message: string, context?: Record<string, unknown>): void {
    const line = JSON.stringify({ t: new Date().toISOString(), level, message, ...(context ? { context: redact(context) } : {}) });
    try {
      fs.appendFileSync(this.file, `${line}\n`);
    } catch {
      // A full disk must not take the app down with it.
    }
    if (this.echo && level !== 'info') process.stderr.write(`${level}: ${message}\n`);
  }
}

const SENSITIVE = /secret|password|apikey|api_key|token|passphrase|privatekey|signature/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}
