import type { AppStatus } from '../../shared/contract';
import type { SecretStore } from '../ports/secrets';

/**
 * App health for the status bar. The keychain probe crosses D-Bus, so its answer is cached and
 * refreshed at most every `probeEveryMs` however many windows are watching.
 */
export class StatusService {
  private readonly startedAt: number;
  private keychain: AppStatus['keychain'] = { available: false, message: 'not checked yet' };
  private lastProbe = 0;
  private probing: Promise<void> | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly activeSubscriptions: () => number,
    private readonly now: () => number = Date.now,
    private readonly probeEveryMs = 10_000,
  ) {
    this.startedAt = now();
  }

  async refreshKeychain(force = false): Promise<void> {
    if (!force && this.now() - this.lastProbe < this.probeEveryMs) return;
    this.probing ??= this.secrets.probe().then((r) => {
      this.keychain = r.available ? { available: true } : { available: false, message: r.message ?? 'unavailable' };
      this.lastProbe = this.now();
      this.probing = null;
    });
    await this.probing;
  }

  snapshot(): AppStatus {
    void this.refreshKeychain();
    const t = this.now();
    return { time: t, uptimeMs: t - this.startedAt, keychain: this.keychain, activeSubscriptions: this.activeSubscriptions() };
  }

  /** Emits a snapshot now and then every `intervalMs`, until the returned stop is called. */
  watch(emit: (s: AppStatus) => void, intervalMs = 1000): () => void {
    let stopped = false;
    void this.refreshKeychain().then(() => {
      if (!stopped) emit(this.snapshot());
    });
    const timer = setInterval(() => emit(this.snapshot()), intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }
}
