import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths';

/** Lints source text as if it lived at `file`, and returns the layering rule's messages. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'marketdesk/layering').map((m) => m.message);
}

describe('the import-layering lint rule (DESIGN.md)', () => {
  const cases: [string, string, RegExp][] = [
    ['src/main/core/fixture.ts', "import { app } from 'electron';\nexport const x = app;", /core may not import the package "electron"/],
    ['src/main/core/fixture.ts', "import fs from 'node:fs';\nexport const x = fs;", /core may not import the package "node"/],
    ['src/main/core/fixture.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;", /core may not import the package "ccxt"/],
    ['src/main/core/fixture.ts', "import { x } from '../services/settings-service';\nexport const y = x;", /core may not import services/],
    ['src/shared/fixture.ts', "import { x } from '../main/core/anything';\nexport const y = x;", /shared may not import core/],
    ['src/renderer/src/fixture.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", /renderer may not import the package "better-sqlite3"/],
    ['src/renderer/src/fixture.ts', "import { x } from '../../main/composition';\nexport const y = x;", /renderer may not import main-root/],
    ['src/main/services/fixture.ts', "import keytar from 'keytar';\nexport const x = keytar;", /services may not import the package "keytar"/],
    ['src/main/services/fixture.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;", /services may not import the package "ws"/],
    ['src/main/adapters/persistence/fixture.ts', "import keytar from 'keytar';\nexport const x = keytar;", /adapter-persistence may not import the package "keytar"/],
    ['src/main/ipc/fixture.ts', "import { x } from '../adapters/persistence/database';\nexport const y = x;", /ipc may not import adapter-persistence/],
    ['src/preload/fixture.ts', "import { z } from 'zod';\nexport const x = z;", /preload may not import the package "zod"/],
    ['src/main/workers/fixture.ts', "export const load = () => import('../services/key-service');", /workers may not import services/],
  ];

  for (const [file, code, expected] of cases) {
    it(`rejects: ${file} → ${code.split('\n')[0]}`, async () => {
      const errors = await layeringErrors(file, code);
      expect(errors.join('\n')).toMatch(expected);
    });
  }

  it('allows what DESIGN.md allows', async () => {
    expect(await layeringErrors('src/main/core/fixture.ts', "import { Decimal } from 'decimal.js';\nimport type { Candle } from '../../shared/domain';\nexport type C = Candle;\nexport const d = Decimal;")).toEqual([]);
    expect(await layeringErrors('src/main/adapters/exchange/fixture.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;")).toEqual([]);
    expect(await layeringErrors('src/main/adapters/secrets/fixture.ts', "import keytar from 'keytar';\nexport const x = keytar;")).toEqual([]);
    expect(await layeringErrors('src/renderer/src/fixture.ts', "import { useState } from 'react';\nimport type { Result } from '../../shared/contract';\nexport type R = Result<number>;\nexport const u = useState;")).toEqual([]);
    expect(await layeringErrors('src/main/ipc/electron/fixture.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;")).toEqual([]);
  });
});
