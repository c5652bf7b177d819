/**
 * At most one emit per `intervalMs` for one subscriber, of the state as it is at emit time. Marks
 * carry no data: the emitter builds the latest view when it fires, so however fast the book moves
 * and however slow the consumer, nothing queues up — intermediate states are simply never built.
 */
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastEmit = -Infinity;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  mark(): void {
    if (this.stopped || this.timer) return;
    const wait = Math.max(0, this.lastEmit + this.intervalMs - this.now());
    // even with no wait, defer a turn so one burst of socket frames becomes one emit
    this.timer = setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timer = null;
    if (this.stopped) return;
    this.lastEmit = this.now();
    this.emit();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
