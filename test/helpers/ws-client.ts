import WebSocket from 'ws';

/** A small client for serve mode's wire protocol, as the renderer speaks it. */
export class WireClient {
  private nextId = 0;
  private readonly waiting = new Map<number, (r: unknown) => void>();
  readonly events = new Map<string, unknown[]>();
  readonly ends = new Map<string, unknown>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { t: string; id: number | string; r?: unknown; e?: unknown; err?: unknown };
      if (msg.t === 'res') this.waiting.get(msg.id as number)?.(msg.r);
      if (msg.t === 'ev') this.events.set(String(msg.id), [...(this.events.get(String(msg.id)) ?? []), msg.e]);
      if (msg.t === 'end') this.ends.set(String(msg.id), msg.err ?? null);
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new WireClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  request(ch: string, p: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (r: unknown) => void);
      this.socket.send(JSON.stringify({ t: 'req', id, ch, p }));
    });
  }

  subscribe(id: string, ch: string, p: unknown): void {
    this.socket.send(JSON.stringify({ t: 'sub', id, ch, p }));
  }

  unsubscribe(id: string): void {
    this.socket.send(JSON.stringify({ t: 'unsub', id }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
