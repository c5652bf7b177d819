import type { z } from 'zod';
import {
  AppError,
  REQUEST_CHANNELS,
  STREAM_CHANNELS,
  requests,
  streams,
  type ContractErrorShape,
  type RequestChannel,
  type Result,
  type StreamChannel,
} from '../../shared/contract';
import type { Logger } from '../ports/logger';
import type { CallContext, RequestHandlers, StreamHandlers } from './handlers';

const requestNames = new Set<string>(REQUEST_CHANNELS);
const streamNames = new Set<string>(STREAM_CHANNELS);

/** Turns a zod failure into one message that names the field, e.g. `label: a label is required`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}

export interface StreamSink {
  event(subId: string, event: unknown): void;
  end(subId: string, error?: ContractErrorShape): void;
}

/**
 * The one binder between the contract and the services, shared by every transport. It validates
 * each payload against its schema before a service sees it, maps failures to `{ ok: false }`
 * results (never a crash), and owns every live subscription so a transport can end them all when
 * its window or socket goes away.
 */
export class ContractServer {
  private readonly sessions = new Map<string, Map<string, () => void>>();

  constructor(
    private readonly handlers: RequestHandlers,
    private readonly streamHandlers: StreamHandlers,
    private readonly log: Logger,
  ) {}

  async handle(channel: unknown, payload: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (typeof channel !== 'string' || !requestNames.has(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `unknown channel "${String(channel).slice(0, 64)}"` } };
    }
    const name = channel as RequestChannel;
    const parsed = requests[name].input.safeParse(payload ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'VALIDATION', message: `${name}: ${describeZodError(parsed.error)}` } };
    }
    try {
      const handler = this.handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: this.toError(name, err) };
    }
  }

  subscribe(ctx: CallContext, subId: string, stream: unknown, params: unknown, sink: StreamSink): void {
    if (typeof stream !== 'string' || !streamNames.has(stream)) {
      sink.end(subId, { code: 'UNKNOWN_CHANNEL', message: `unknown stream "${String(stream).slice(0, 64)}"` });
      return;
    }
    const name = stream as StreamChannel;
    const parsed = streams[name].params.safeParse(params ?? {});
    if (!parsed.success) {
      sink.end(subId, { code: 'VALIDATION', message: `${name}: ${describeZodError(parsed.error)}` });
      return;
    }
    let subs = this.sessions.get(ctx.sessionId);
    if (!subs) this.sessions.set(ctx.sessionId, (subs = new Map()));
    if (subs.has(subId)) {
      sink.end(subId, { code: 'CONFLICT', message: `subscription id "${subId}" is already in use` });
      return;
    }
    const live = subs;
    // Ends this subscription with an error the handler met after starting; a no-op once it has ended.
    const end = (err: unknown): void => {
      const stop = live.get(subId);
      if (!stop) return;
      live.delete(subId);
      if (live.size === 0 && this.sessions.get(ctx.sessionId) === live) this.sessions.delete(ctx.sessionId);
      this.safeStop(stop);
      sink.end(subId, this.toError(name, err));
    };
    try {
      const start = this.streamHandlers[name] as (p: unknown, emit: (e: unknown) => void, ctx: CallContext, end: (err: unknown) => void) => () => void;
      // Register before starting so a synchronous first event can find its subscription.
      subs.set(subId, () => {});
      const stop = start(parsed.data, (event) => sink.event(subId, event), ctx, end);
      if (subs.has(subId)) subs.set(subId, stop);
      else stop();
    } catch (err) {
      subs.delete(subId);
      sink.end(subId, this.toError(name, err));
    }
  }

  unsubscribe(sessionId: string, subId: string): boolean {
    const subs = this.sessions.get(sessionId);
    const stop = subs?.get(subId);
    if (!subs || !stop) return false;
    subs.delete(subId);
    if (subs.size === 0) this.sessions.delete(sessionId);
    this.safeStop(stop);
    return true;
  }

  /** Ends every subscription of a window or socket that went away. */
  closeSession(sessionId: string): number {
    const subs = this.sessions.get(sessionId);
    if (!subs) return 0;
    this.sessions.delete(sessionId);
    for (const stop of subs.values()) this.safeStop(stop);
    return subs.size;
  }

  activeSubscriptions(): number {
    let n = 0;
    for (const subs of this.sessions.values()) n += subs.size;
    return n;
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.closeSession(id);
  }

  private safeStop(stop: () => void): void {
    try {
      stop();
    } catch (err) {
      this.log.error('stream stop failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private toError(channel: string, err: unknown): ContractErrorShape {
    if (err instanceof AppError) return { code: err.code, message: err.message };
    // Unexpected failures are logged by name only; their messages may carry data we must not echo.
    const name = err instanceof Error ? err.name : typeof err;
    this.log.error('handler failed', { channel, error: name, stack: err instanceof Error ? err.stack?.split('\n').slice(1, 5).join(' | ') : undefined });
    return { code: 'INTERNAL', message: `${channel} failed unexpectedly (see the app log)` };
  }
}
