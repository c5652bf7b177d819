import Decimal from 'decimal.js';
import type { TradingFees } from '../../ports/exchange-client';
import type { CcxtTradingFee } from './ccxt-types';

/** A unified spot symbol (BASE/QUOTE, no settle currency). */
const SPOT_SYMBOL = /^[A-Za-z0-9]+\/[A-Za-z0-9]+$/;

/**
 * ccxt parses the exchange's rate strings ("0.00100000") into floats. A float's shortest
 * round-trip text (what String() gives) is the decimal the exchange sent whenever it has at most
 * 15 significant digits, which every published rate has; decimal.js then only rewrites exponent
 * form ("1e-7") as plain digits. No arithmetic touches the value.
 */
export function rateToDecimalString(value: unknown, where: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: the exchange reported no numeric rate (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
  const shortest = String(value);
  const digits = shortest.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
  if (digits.length > 15) throw new Error(`${where}: rate ${shortest} has more than 15 significant digits, so its decimal form is not certain`);
  return new Decimal(shortest).toFixed();
}

/** ccxt's fee structures (keyed by symbol) → decimal-string rates for spot symbols only. */
export function toTradingFees(exchangeId: string, raw: Record<string, CcxtTradingFee | undefined>): TradingFees {
  const out: TradingFees = {};
  for (const [key, fee] of Object.entries(raw)) {
    const symbol = fee?.symbol ?? key;
    // Exchanges list markets ccxt cannot map (raw ids) and derivatives; spot schedules need neither.
    if (!fee || !SPOT_SYMBOL.test(symbol)) continue;
    const where = `${exchangeId} fetchTradingFees ${symbol}`;
    out[symbol] = { maker: rateToDecimalString(fee.maker, `${where} maker`), taker: rateToDecimalString(fee.taker, `${where} taker`) };
  }
  return out;
}
