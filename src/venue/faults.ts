/**
 * Fault switches of the venue. Each can be set for a whole run (CLI/admin endpoint) or flipped by a
 * test between two calls; `times` limits a fault to the next N matching requests.
 */
export interface HttpErrorFault {
  /**
   * 429 and 418 answer Binance's rate-limit body with Retry-After; 500 answers Binance's -1001
   * internal error; 502/503/504 answer a gateway page, as the CDN in front of Binance does.
   */
  status: 418 | 429 | 500 | 502 | 503 | 504;
  retryAfterSec?: number;
  times?: number;
  /** Only requests whose path contains this (e.g. "/api/v3/order"). */
  path?: string;
}

export interface DropResponseFault {
  times?: number;
  path?: string;
  method?: string;
}

export interface FaultState {
  latencyMs: number;
  httpError: HttpErrorFault | null;
  /** The request executes (an order is placed) but no answer is ever sent. */
  dropResponse: DropResponseFault | null;
  /** The next N depth diffs each skip one update id, as a lost message would. */
  skipDepthIds: number;
  /** Added to the venue's clock: /time and timestamp checks see a skewed server. */
  clockSkewMs: number;
}

export type FaultPatch = Partial<FaultState>;

const CLEAR: FaultState = { latencyMs: 0, httpError: null, dropResponse: null, skipDepthIds: 0, clockSkewMs: 0 };

function matches(f: { path?: string; method?: string }, method: string, path: string): boolean {
  return (f.path === undefined || path.includes(f.path)) && (f.method === undefined || f.method.toUpperCase() === method);
}

export class Faults {
  private state: FaultState = { ...CLEAR };
  private readonly disconnectors: ((code: number) => void)[] = [];

  get(): FaultState {
    return structuredClone(this.state);
  }

  /** Merges switches into the current state; unknown names are refused so typos do not pass silently. */
  set(patch: FaultPatch): FaultState {
    for (const key of Object.keys(patch)) if (!(key in CLEAR)) throw new Error(`unknown fault "${key}" (known: ${Object.keys(CLEAR).join(', ')})`);
    const next = { ...this.state, ...patch };
    if (!Number.isFinite(next.latencyMs) || next.latencyMs < 0) throw new Error('latencyMs must be a number ≥ 0');
    if (!Number.isFinite(next.clockSkewMs)) throw new Error('clockSkewMs must be a number');
    if (!Number.isInteger(next.skipDepthIds) || next.skipDepthIds < 0) throw new Error('skipDepthIds must be a whole number ≥ 0');
    if (next.httpError && ![418, 429, 500, 502, 503, 504].includes(next.httpError.status)) throw new Error(`httpError.status ${next.httpError.status} is not one of 418, 429, 500, 502, 503, 504`);
    this.state = next;
    return this.get();
  }

  clear(): void {
    this.state = { ...CLEAR };
  }

  /** Closes every WebSocket connection now (1006-like abrupt close by default). */
  disconnectWebSockets(code = 1006): void {
    for (const d of this.disconnectors) d(code);
  }

  onDisconnect(fn: (code: number) => void): void {
    this.disconnectors.push(fn);
  }

  /** Takes one use of the HTTP error fault if it applies to this request. */
  takeHttpError(method: string, path: string): HttpErrorFault | null {
    const f = this.state.httpError;
    if (!f || !matches(f, method, path)) return null;
    if (f.times !== undefined) this.state.httpError = f.times > 1 ? { ...f, times: f.times - 1 } : null;
    return f;
  }

  takeDrop(method: string, path: string): boolean {
    const f = this.state.dropResponse;
    if (!f || !matches(f, method, path)) return false;
    if (f.times !== undefined) this.state.dropResponse = f.times > 1 ? { ...f, times: f.times - 1 } : null;
    return true;
  }

  takeDepthSkip(): boolean {
    if (this.state.skipDepthIds <= 0) return false;
    this.state.skipDepthIds--;
    return true;
  }

  get latencyMs(): number {
    return this.state.latencyMs;
  }

  get clockSkewMs(): number {
    return this.state.clockSkewMs;
  }
}
