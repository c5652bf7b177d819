import { backoffDelay } from '../../core/exchange/backoff';
import type { WsState } from '../../core/exchange/health';

export interface FeedOptions<T> {
  /** One watch call; ccxt resolves it with the next update and re-subscribes after a reconnect. */
  watch: () => Promise<T>;
  /** Ends the exchange-side subscription so a pending watch rejects and the socket can close. */
  unwatch: () => Promise<void>;
  onData: (data: T) => void;
  onState: (state: WsState, error?: string) => void;
  /** Called on every failed watch, so the connection can fail over when its host keeps failing. */
  onFailure?: () => void;
  baseDelay?: number;
  maxDelay?: number;
  random?: () => number;
}

/**
 * A live subscription loop shared by all subscribers of one stream. A failed watch (socket dropped,
 * exchange closed it) backs off exponentially with jitter and watches again, which makes ccxt
 * reconnect and send the subscription again. `stop` cancels a pending backoff at once.
 */
export class Feed<T> {
  private stopped = false;
  private wake: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  readonly done: Promise<void>;

  constructor(private readonly o: FeedOptions<T>) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let open = false;
    this.o.onState('connecting');
    while (!this.stopped) {
      try {
        const data = await this.o.watch();
        if (this.stopped) break;
        if (!open) this.o.onState('open');
        open = true;
        failures = 0;
        this.o.onData(data);
      } catch (err) {
        if (this.stopped) break;
        failures++;
        open = false;
        this.o.onFailure?.();
        this.o.onState('reconnecting', err instanceof Error ? err.message : String(err));
        const delay = backoffDelay(Math.min(failures, 16), { baseDelay: this.o.baseDelay ?? 250, maxDelay: this.o.maxDelay ?? 15_000 }, this.o.random ?? Math.random);
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, delay);
        });
        this.wake = null;
      }
    }
    this.o.onState('closed');
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    this.o.unwatch().catch(() => undefined);
  }
}
