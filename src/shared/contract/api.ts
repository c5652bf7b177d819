import type { RequestChannel, RequestInput, RequestOutput, StreamChannel, StreamEvent, StreamParams } from './contract';
import type { Result } from './result';

/**
 * The shape of `window.marketdesk` (Electron preload) and of the serve-mode WebSocket bridge: one
 * function per request channel, plus `subscribe`. The renderer's client wraps either.
 */
export type RequestFunctions = { [C in RequestChannel]: (input: RequestInput<C>) => Promise<Result<RequestOutput<C>>> };

export interface StreamEnd {
  /** Set when the stream ended because of an error (e.g. invalid params) rather than an unsubscribe. */
  error?: { code: string; message: string };
}

export type Subscribe = <C extends StreamChannel>(
  stream: C,
  params: StreamParams<C>,
  listener: (event: StreamEvent<C>) => void,
  onEnd?: (end: StreamEnd) => void,
) => () => void;

export type MarketdeskBridge = RequestFunctions & { subscribe: Subscribe };
