import { trueRange } from './atr';
import { checkOut, checkPeriod, checkSameLength } from './validate';

/**
 * Wilder's directional movement system. From bar 1: +DM/−DM (the larger positive move, else 0)
 * and true range; their Wilder sums start at index `period` and continue as s − s/period + x;
 * +DI/−DI = 100·sum(±DM)/sum(TR); DX = 100·|+DI − −DI|/(+DI + −DI); ADX is the mean of the first
 * `period` DX values (first at index 2·period − 1), then Wilder-smoothed. Zero denominators give 0
 * (no movement means no trend).
 */
export interface AdxOutputs {
  adx: Float64Array;
  plusDI: Float64Array;
  minusDI: Float64Array;
}

function dxOf(pdi: number, mdi: number): number {
  const s = pdi + mdi;
  return s === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / s;
}

export function adx(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period: number, out: AdxOutputs): AdxOutputs {
  checkPeriod('adx', period);
  const n = checkSameLength('adx', high, low, close);
  checkOut('adx', n, out.adx, out.plusDI, out.minusDI);
  const { plusDI, minusDI } = out;
  const adxOut = out.adx;
  const diWarm = Math.min(n, period);
  for (let i = 0; i < diWarm; i++) plusDI[i] = minusDI[i] = NaN;
  const adxWarm = Math.min(n, 2 * period - 1);
  for (let i = 0; i < adxWarm; i++) adxOut[i] = NaN;
  let sTr = 0;
  let sP = 0;
  let sM = 0;
  let dxSum = 0;
  let a = 0;
  for (let i = 1; i < n; i++) {
    const up = high[i]! - high[i - 1]!;
    const down = low[i - 1]! - low[i]!;
    const pdm = up > down && up > 0 ? up : 0;
    const mdm = down > up && down > 0 ? down : 0;
    const tr = trueRange(high[i]!, low[i]!, close[i - 1]!);
    if (i <= period) {
      sTr += tr;
      sP += pdm;
      sM += mdm;
      if (i < period) continue;
    } else {
      sTr = sTr - sTr / period + tr;
      sP = sP - sP / period + pdm;
      sM = sM - sM / period + mdm;
    }
    const pdi = sTr === 0 ? 0 : (100 * sP) / sTr;
    const mdi = sTr === 0 ? 0 : (100 * sM) / sTr;
    plusDI[i] = pdi;
    minusDI[i] = mdi;
    const dx = dxOf(pdi, mdi);
    if (i < 2 * period - 1) dxSum += dx;
    else if (i === 2 * period - 1) adxOut[i] = a = (dxSum + dx) / period;
    else adxOut[i] = a = (a * (period - 1) + dx) / period;
  }
  return out;
}

export class AdxStream {
  private count = 0;
  private ph = NaN;
  private pl = NaN;
  private pc = NaN;
  private sTr = 0;
  private sP = 0;
  private sM = 0;
  private dxSum = 0;
  adx = NaN;
  plusDI = NaN;
  minusDI = NaN;

  constructor(readonly period = 14) {
    checkPeriod('adx', period);
  }

  /** Returns ADX; `plusDI` and `minusDI` are updated alongside. */
  next(high: number, low: number, close: number): number {
    const i = this.count++;
    const { ph, pl, pc } = this;
    this.ph = high;
    this.pl = low;
    this.pc = close;
    if (i === 0) return NaN;
    const p = this.period;
    const up = high - ph;
    const down = pl - low;
    const pdm = up > down && up > 0 ? up : 0;
    const mdm = down > up && down > 0 ? down : 0;
    const tr = trueRange(high, low, pc);
    if (i <= p) {
      this.sTr += tr;
      this.sP += pdm;
      this.sM += mdm;
      if (i < p) return NaN;
    } else {
      this.sTr = this.sTr - this.sTr / p + tr;
      this.sP = this.sP - this.sP / p + pdm;
      this.sM = this.sM - this.sM / p + mdm;
    }
    const pdi = this.sTr === 0 ? 0 : (100 * this.sP) / this.sTr;
    const mdi = this.sTr === 0 ? 0 : (100 * this.sM) / this.sTr;
    this.plusDI = pdi;
    this.minusDI = mdi;
    const dx = dxOf(pdi, mdi);
    if (i < 2 * p - 1) {
      this.dxSum += dx;
      return NaN;
    }
    if (i === 2 * p - 1) return (this.adx = (this.dxSum + dx) / p);
    return (this.adx = (this.adx * (p - 1) + dx) / p);
  }
}
