import type { RequestChannel, RequestInput, RequestOutput, StreamChannel, StreamEvent, StreamParams } from '../../shared/contract';

/** Who is calling: one Electron window (webContents) or one WebSocket connection. */
export interface CallContext {
  sessionId: string;
  transport: 'electron' | 'ws' | 'cli';
}

export type RequestHandlers = {
  [C in RequestChannel]: (input: RequestOutputOfInput<C>, ctx: CallContext) => Promise<RequestOutput<C>> | RequestOutput<C>;
};

/** Handlers receive the parsed input (defaults applied), i.e. the schema's output type. */
type RequestOutputOfInput<C extends RequestChannel> = import('zod').output<import('../../shared/contract').Requests[C]['input']>;

/**
 * A stream handler starts producing events and returns the function that stops it. A failure found
 * after it returned (a connection that cannot be made) goes to `end`: the subscriber gets the error
 * and the server calls the stop function, once.
 */
export type StreamHandlers = {
  [C in StreamChannel]: (
    params: import('zod').output<import('../../shared/contract').Streams[C]['params']>,
    emit: (event: StreamEvent<C>) => void,
    ctx: CallContext,
    end: (error: unknown) => void,
  ) => () => void;
};

export type { RequestInput, StreamParams };
