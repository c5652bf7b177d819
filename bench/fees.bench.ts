/**
 * Pricing one fee per bar of Binance BTC/USDT 2021 (8,747 real closes; alternating buy/sell and
 * market/limit, 0.1234 BTC each), side by side:
 * - marketdesk calculateFee: the full path (schedule selection, tier lookup, decimal fee, schedule ref);
 * - marketdesk getFeeRates once, then one decimal multiply per order (how a backtest would use it);
 * - ccxt 4.5.84 `exchange.calculateFee` (string Precise math, rates from a loaded market);
 * - float64 notional × rate: the lower bound, not money-safe.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ccxt from 'ccxt';
import Decimal from 'decimal.js';
import { calculateFee, getFeeRates } from '../src/main/core/fees';
import { type BenchCase, printTable, runSideBySide } from './harness';
import type { BenchSuite } from './suites';

const CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/ohlcv/binance_spot_BTCUSDT_1h_2021.csv');

function closes(): string[] {
  return readFileSync(CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[5]!);
}

export const feesSuite: BenchSuite = {
  name: 'fees',
  run() {
    const prices = closes();
    const n = prices.length;
    const amount = '0.1234';
    const rates = getFeeRates({ exchange: 'binance', marketType: 'spot', vipLevel: 'VIP 1' });
    const ex = new ccxt.binance();
    ex.setMarkets([
      {
        id: 'BTCUSDT', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', baseId: 'BTC', quoteId: 'USDT', type: 'spot', spot: true, margin: false, swap: false, future: false,
        option: false, active: true, contract: false, taker: Number(rates.taker), maker: Number(rates.maker), precision: { amount: 0.00001, price: 0.01 },
        limits: { amount: {}, price: {}, cost: {}, leverage: {} }, info: {},
      } as never,
    ]);
    const makerD = new Decimal(rates.maker);
    const takerD = new Decimal(rates.taker);
    const makerF = Number(rates.maker);
    const takerF = Number(rates.taker);
    const amountF = Number(amount);
    const pricesF = prices.map(Number);

    // The cases must agree before their speed means anything.
    const full = calculateFee({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', orderType: 'limit', amount, price: prices[0]!, marketType: 'spot', vipLevel: 'VIP 1' });
    const viaCcxt = ex.calculateFee('BTC/USDT', 'limit', 'sell', amountF, pricesF[0]!, 'maker');
    if (!new Decimal(full.feeAmount).eq(new Decimal(amount).times(prices[0]!).times(rates.maker)) || Math.abs(viaCcxt.cost - Number(full.feeAmount)) > 1e-9) {
      throw new Error(`fee cases disagree: ${full.feeAmount} vs ccxt ${viaCcxt.cost}`);
    }

    const cases: BenchCase[] = [
      {
        name: 'marketdesk calculateFee (full)',
        units: n,
        run: () => {
          let last = '';
          for (let i = 0; i < n; i++) {
            last = calculateFee({ exchange: 'binance', symbol: 'BTC/USDT', side: i & 1 ? 'sell' : 'buy', orderType: i & 2 ? 'limit' : 'market', amount, price: prices[i]!, marketType: 'spot', vipLevel: 'VIP 1' }).feeAmount;
          }
          return last;
        },
      },
      {
        name: 'marketdesk getFeeRates + Decimal multiply',
        units: n,
        run: () => {
          let sum = new Decimal(0);
          for (let i = 0; i < n; i++) sum = sum.plus(new Decimal(amount).times(prices[i]!).times(i & 2 ? makerD : takerD));
          return sum.toFixed();
        },
      },
      {
        name: 'ccxt calculateFee (Precise strings)',
        units: n,
        run: () => {
          let cost = 0;
          for (let i = 0; i < n; i++) cost = ex.calculateFee('BTC/USDT', i & 2 ? 'limit' : 'market', 'sell', amountF, pricesF[i]!, i & 2 ? 'maker' : 'taker').cost;
          return cost;
        },
      },
      {
        name: 'float64 notional × rate (not money-safe)',
        units: n,
        run: () => {
          let sum = 0;
          for (let i = 0; i < n; i++) sum += amountF * pricesF[i]! * (i & 2 ? makerF : takerF);
          return sum;
        },
      },
    ];
    printTable(`fees: ${n} orders priced (Binance spot VIP 1, real 2021 closes)`, runSideBySide(cases, 9), 'ccxt calculateFee (Precise strings)');
  },
};
