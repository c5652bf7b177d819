import fs from 'node:fs';
import path from 'node:path';
import { resourcesDir } from './paths';
import type { EmbeddedDataset } from './services/dataset-service';

export const EMBEDDED_FILE = 'binance_spot_BTCUSDT_1h_2021.csv';

/** The shipped default dataset and its provenance (the README beside it, as written). */
export function embeddedDataset(): EmbeddedDataset {
  const dir = path.join(resourcesDir(), 'data');
  let provenance: string;
  try {
    provenance = fs.readFileSync(path.join(dir, 'README.md'), 'utf8').trim();
  } catch {
    provenance = `Binance spot BTC/USDT 1h candles for 2021, shipped as resources/data/${EMBEDDED_FILE}`;
  }
  return { file: path.join(dir, EMBEDDED_FILE), exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', provenance };
}
