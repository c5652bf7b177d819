import type {
  MarketdeskBridge,
  RequestChannel,
  RequestInput,
  RequestOutput,
  StreamChannel,
  StreamEnd,
  StreamEvent,
  StreamParams,
} from '../../../shared/contract';

export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/**
 * What panels use to reach main. The same interface whether the bridge is Electron's preload or
 * serve mode's WebSocket: panels never know which.
 */
export class Client {
  constructor(private readonly bridge: MarketdeskBridge) {}

  async call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
    const fn = this.bridge[channel] as unknown as (i: RequestInput<C>) => Promise<{ ok: true; value: RequestOutput<C> } | { ok: false; error: { code: string; message: string } }>;
    const result = await fn(input);
    if (!result.ok) throw new ContractError(result.error.code, result.error.message);
    return result.value;
  }

  subscribe<C extends StreamChannel>(stream: C, params: StreamParams<C>, listener: (e: StreamEvent<C>) => void, onEnd?: (end: StreamEnd) => void): () => void {
    return this.bridge.subscribe(stream, params, listener, onEnd);
  }
}
