/**
 * The baseline for the backtest bench: a conventional event-driven backtester of the kind JS users
 * write (and most tutorials teach). Candle objects go through a FIFO event queue; a Strategy class
 * updates technicalindicators' streaming RSI in `onCandle` and emits signal events; the portfolio
 * turns signals into order events; a broker holds orders until the next bar opens and emits fill
 * events; the portfolio books fills, keeps trades and marks equity points as objects.
 *
 * It follows the same rules as our engine for rsi-reversal (fill at the next open, taker fee on both
 * legs, 100% of cash per entry, a position still open after the last bar closes at the last close),
 * so the bench can assert that both produce the same trades and final equity.
 */
import { RSI } from 'technicalindicators';
import type { Candle } from '../src/shared/domain/market';

type OrderSide = 'buy' | 'sell';

/** A bar opens: the broker fills waiting orders at its open. */
interface MarketEvent {
  type: 'market';
  candle: Candle;
}
/** The same bar closes: the portfolio marks equity and the strategy sees the candle. */
interface BarCloseEvent {
  type: 'close';
  candle: Candle;
}
interface SignalEvent {
  type: 'signal';
  side: OrderSide;
  time: number;
}
interface OrderEvent {
  type: 'order';
  side: OrderSide;
  time: number;
}
interface FillEvent {
  type: 'fill';
  side: OrderSide;
  price: number;
  time: number;
}
type BacktestEvent = MarketEvent | BarCloseEvent | SignalEvent | OrderEvent | FillEvent;

export interface BaselineTrade {
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  quantity: number;
  pnl: number;
}

class EventQueue {
  private readonly items: BacktestEvent[] = [];
  push(event: BacktestEvent): void {
    this.items.push(event);
  }
  next(): BacktestEvent | undefined {
    return this.items.shift();
  }
}

class Portfolio {
  cash: number;
  quantity = 0;
  readonly trades: BaselineTrade[] = [];
  readonly equity: { time: number; value: number }[] = [];
  private entry: { time: number; price: number; cost: number } | null = null;

  constructor(
    capital: number,
    private readonly feeRate: number,
    private readonly queue: EventQueue,
  ) {
    this.cash = capital;
  }

  onSignal(signal: SignalEvent): void {
    this.queue.push({ type: 'order', side: signal.side, time: signal.time });
  }

  onFill(fill: FillEvent): void {
    if (fill.side === 'buy') {
      const quantity = this.cash / (fill.price * (1 + this.feeRate));
      const cost = quantity * fill.price * (1 + this.feeRate);
      this.cash -= cost;
      this.quantity = quantity;
      this.entry = { time: fill.time, price: fill.price, cost };
    } else {
      const proceeds = this.quantity * fill.price * (1 - this.feeRate);
      this.cash += proceeds;
      const entry = this.entry!;
      this.trades.push({ entryTime: entry.time, entryPrice: entry.price, exitTime: fill.time, exitPrice: fill.price, quantity: this.quantity, pnl: proceeds - entry.cost });
      this.quantity = 0;
      this.entry = null;
    }
  }

  markToMarket(candle: Candle): void {
    this.equity.push({ time: candle.time, value: this.cash + this.quantity * candle.close });
  }
}

class Broker {
  private pending: OrderEvent[] = [];
  constructor(private readonly queue: EventQueue) {}

  onOrder(order: OrderEvent): void {
    this.pending.push(order);
  }

  /** Market orders fill at the open of the bar after the one that produced them. */
  onMarket(candle: Candle): void {
    for (const order of this.pending) this.queue.push({ type: 'fill', side: order.side, price: candle.open, time: candle.time });
    this.pending = [];
  }
}

class RsiReversalStrategy {
  private readonly rsi: RSI;
  constructor(
    period: number,
    private readonly oversold: number,
    private readonly overbought: number,
    private readonly portfolio: Portfolio,
    private readonly queue: EventQueue,
  ) {
    this.rsi = new RSI({ period, values: [] });
  }

  onCandle(candle: Candle): void {
    const value = this.rsi.nextValue(candle.close);
    if (value === undefined) return;
    if (this.portfolio.quantity === 0 && value < this.oversold) this.queue.push({ type: 'signal', side: 'buy', time: candle.time });
    else if (this.portfolio.quantity > 0 && value > this.overbought) this.queue.push({ type: 'signal', side: 'sell', time: candle.time });
  }
}

export function eventDrivenBacktest(candles: readonly Candle[], capital: number, feeRate: number): { finalEquity: number; trades: BaselineTrade[] } {
  const queue = new EventQueue();
  const portfolio = new Portfolio(capital, feeRate, queue);
  const broker = new Broker(queue);
  const strategy = new RsiReversalStrategy(14, 30, 70, portfolio, queue);
  for (const candle of candles) {
    queue.push({ type: 'market', candle });
    for (let event = queue.next(); event !== undefined; event = queue.next()) {
      switch (event.type) {
        case 'market':
          broker.onMarket(event.candle);
          // Queued behind the fills, so they are booked before the close is marked.
          queue.push({ type: 'close', candle: event.candle });
          break;
        case 'close':
          portfolio.markToMarket(event.candle);
          strategy.onCandle(event.candle);
          break;
        case 'signal':
          portfolio.onSignal(event);
          break;
        case 'order':
          broker.onOrder(event);
          break;
        case 'fill':
          portfolio.onFill(event);
          break;
      }
    }
  }
  const last = candles[candles.length - 1];
  if (last && portfolio.quantity > 0) {
    portfolio.onFill({ type: 'fill', side: 'sell', price: last.close, time: last.time });
    portfolio.equity[portfolio.equity.length - 1]!.value = portfolio.cash;
  }
  return { finalEquity: portfolio.equity.length > 0 ? portfolio.equity[portfolio.equity.length - 1]!.value : capital, trades: portfolio.trades };
}
