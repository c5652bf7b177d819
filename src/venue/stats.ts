/** One REST request as the venue saw it. */
export interface RequestRecord {
  time: number;
  method: string;
  path: string;
  weight: number;
  status: number;
}

export interface EndpointStats {
  count: number;
  weight: number;
}

const LOG_CAP = 20_000;

/**
 * Request counts and weights per endpoint, plus Binance's fixed one-minute weight window (what the
 * X-MBX-USED-WEIGHT-1M header reports). Tests read the log to prove a client's limiter kept its budget.
 */
export class VenueStats {
  readonly log: RequestRecord[] = [];
  private readonly byEndpoint = new Map<string, EndpointStats>();
  private windowStart = 0;
  private windowWeight = 0;
  private orderWindowStart = 0;
  private orderCount10s = 0;
  private ordersToday = 0;
  private day = 0;

  /** Adds weight to the current minute and returns the minute's total. */
  addWeight(now: number, weight: number): number {
    const minute = Math.floor(now / 60_000) * 60_000;
    if (minute !== this.windowStart) {
      this.windowStart = minute;
      this.windowWeight = 0;
    }
    this.windowWeight += weight;
    return this.windowWeight;
  }

  usedWeight(now: number): number {
    return Math.floor(now / 60_000) * 60_000 === this.windowStart ? this.windowWeight : 0;
  }

  /** Counts one order in the 10-second and daily windows; returns both counts. */
  addOrder(now: number): { tenSeconds: number; day: number } {
    const window = Math.floor(now / 10_000) * 10_000;
    if (window !== this.orderWindowStart) {
      this.orderWindowStart = window;
      this.orderCount10s = 0;
    }
    const day = Math.floor(now / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.ordersToday = 0;
    }
    this.orderCount10s++;
    this.ordersToday++;
    return { tenSeconds: this.orderCount10s, day: this.ordersToday };
  }

  record(r: RequestRecord): void {
    this.log.push(r);
    if (this.log.length > LOG_CAP) this.log.splice(0, this.log.length - LOG_CAP);
    const key = `${r.method} ${r.path}`;
    const s = this.byEndpoint.get(key) ?? { count: 0, weight: 0 };
    s.count++;
    s.weight += r.weight;
    this.byEndpoint.set(key, s);
  }

  /** Counts per "METHOD /path". */
  endpoints(): Record<string, EndpointStats> {
    return Object.fromEntries([...this.byEndpoint].map(([k, v]) => [k, { ...v }]));
  }

  endpoint(method: string, path: string): EndpointStats {
    return { ...(this.byEndpoint.get(`${method} ${path}`) ?? { count: 0, weight: 0 }) };
  }

  /** Largest total weight in any sliding window of `windowMs` (for checking a client's budget). */
  maxWeightInWindow(windowMs: number): number {
    let max = 0;
    let sum = 0;
    let lo = 0;
    for (let hi = 0; hi < this.log.length; hi++) {
      sum += this.log[hi]!.weight;
      while (this.log[hi]!.time - this.log[lo]!.time >= windowMs) sum -= this.log[lo++]!.weight;
      max = Math.max(max, sum);
    }
    return max;
  }

  reset(): void {
    this.log.length = 0;
    this.byEndpoint.clear();
  }
}
