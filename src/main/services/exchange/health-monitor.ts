import { classifyHealth, SlidingWindow, type HealthThresholds, type HealthVerdict, type WindowStats, type WsState } from '../../core/exchange/health';

export interface HealthReport extends HealthVerdict {
  window: WindowStats;
  ws: WsState;
  lastSuccess: number | null;
  lastError: { time: number; kind: string; message: string } | null;
  requests: number;
  errors: number;
  retries: number;
  failovers: number;
  wsReconnects: number;
}

/** One connection's health over a sliding window, plus lifetime counters for the Connections panel. */
export class HealthMonitor {
  private readonly window: SlidingWindow;
  private ws: WsState = 'idle';
  private lastSuccess: number | null = null;
  private lastError: HealthReport['lastError'] = null;
  private readonly streams = new Map<string, WsState>();
  readonly counters = { requests: 0, errors: 0, retries: 0, failovers: 0, wsReconnects: 0 };

  constructor(
    private readonly now: () => number,
    windowMs = 60_000,
    private readonly thresholds?: HealthThresholds,
  ) {
    this.window = new SlidingWindow(windowMs);
  }

  success(latencyMs: number): void {
    const t = this.now();
    this.counters.requests++;
    this.lastSuccess = t;
    this.window.add({ time: t, latencyMs, ok: true });
  }

  failure(kind: string, message: string): void {
    const t = this.now();
    this.counters.requests++;
    this.counters.errors++;
    this.lastError = { time: t, kind, message: message.slice(0, 300) };
    this.window.add({ time: t, latencyMs: 0, ok: false });
  }

  /** A user-side rejection (bad order, no funds): shown as the last error, not held against the link. */
  rejected(kind: string, message: string): void {
    this.counters.requests++;
    this.lastError = { time: this.now(), kind, message: message.slice(0, 300) };
  }

  /** Each live stream reports its socket state; the connection shows the worst of them. */
  streamState(id: string, state: WsState | null): void {
    const before = this.streams.get(id);
    if (state === null) this.streams.delete(id);
    else this.streams.set(id, state);
    if (state === 'reconnecting' && before === 'open') this.counters.wsReconnects++;
    const all = [...this.streams.values()];
    this.ws = all.includes('reconnecting') ? 'reconnecting' : all.includes('connecting') ? 'connecting' : all.includes('open') ? 'open' : all.length ? 'closed' : 'idle';
  }

  wsSuccess(): void {
    this.lastSuccess = this.now();
  }

  report(rateLimitedForMs: number): HealthReport {
    const window = this.window.stats(this.now());
    const verdict = classifyHealth({ window, ws: this.ws, rateLimitedForMs }, this.thresholds);
    return { ...verdict, window, ws: this.ws, lastSuccess: this.lastSuccess, lastError: this.lastError, ...this.counters };
  }
}
