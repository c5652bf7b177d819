import { emaFrom } from './moving';
import { checkOut, checkPeriod } from './validate';

/**
 * MACD (Appel): line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line, histogram =
 * line − signal. Every EMA is SMA-seeded; the signal EMA starts at the first defined line value,
 * so the line is defined from slow−1 and the signal from slow+signal−2.
 */
export interface MacdOutputs {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

export function macd(close: ArrayLike<number>, fast: number, slow: number, signal: number, out: MacdOutputs): MacdOutputs {
  checkPeriod('macd', fast, 'fast period');
  checkPeriod('macd', slow, 'slow period');
  checkPeriod('macd', signal, 'signal period');
  if (fast >= slow) throw new RangeError(`macd: fast period (${fast}) must be shorter than slow period (${slow})`);
  const n = close.length;
  checkOut('macd', n, out.macd, out.signal, out.histogram);
  // The histogram buffer holds the slow EMA first, so no scratch array is allocated.
  const line = out.macd;
  const slowEma = out.histogram;
  emaFrom(close, 0, fast, line);
  emaFrom(close, 0, slow, slowEma);
  for (let i = 0; i < n; i++) line[i] = line[i]! - slowEma[i]!;
  emaFrom(line, slow - 1, signal, out.signal);
  for (let i = 0; i < n; i++) out.histogram[i] = line[i]! - out.signal[i]!;
  return out;
}

function emaStep(prev: number, x: number, alpha: number): number {
  return prev + alpha * (x - prev);
}

export class MacdStream {
  private count = 0;
  private fastSum = 0;
  private slowSum = 0;
  private sigSum = 0;
  private fastEma = NaN;
  private slowEma = NaN;
  private lines = 0;
  private readonly af: number;
  private readonly as: number;
  private readonly ag: number;
  macd = NaN;
  signal = NaN;
  histogram = NaN;

  constructor(
    readonly fast = 12,
    readonly slow = 26,
    readonly signalPeriod = 9,
  ) {
    checkPeriod('macd', fast, 'fast period');
    checkPeriod('macd', slow, 'slow period');
    checkPeriod('macd', signalPeriod, 'signal period');
    if (fast >= slow) throw new RangeError(`macd: fast period (${fast}) must be shorter than slow period (${slow})`);
    this.af = 2 / (fast + 1);
    this.as = 2 / (slow + 1);
    this.ag = 2 / (signalPeriod + 1);
  }

  /** Returns the MACD line; `signal` and `histogram` are updated alongside. */
  next(close: number): number {
    const c = ++this.count;
    if (c < this.fast) this.fastSum += close;
    else if (c === this.fast) this.fastEma = (this.fastSum += close) / this.fast;
    else this.fastEma = emaStep(this.fastEma, close, this.af);
    if (c < this.slow) {
      this.slowSum += close;
      return NaN;
    }
    if (c === this.slow) this.slowEma = (this.slowSum += close) / this.slow;
    else this.slowEma = emaStep(this.slowEma, close, this.as);
    const line = this.fastEma - this.slowEma;
    this.macd = line;
    const k = ++this.lines;
    if (k < this.signalPeriod) this.sigSum += line;
    else if (k === this.signalPeriod) this.signal = (this.sigSum += line) / this.signalPeriod;
    else this.signal = emaStep(this.signal, line, this.ag);
    this.histogram = line - this.signal;
    return line;
  }
}
