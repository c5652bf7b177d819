import type { z } from 'zod';
import { appRequests, appStreams } from './channels/app';
import { keyRequests, keyStreams } from './channels/keys';
import { marketRequests, marketStreams } from './channels/market';
import { feeRequests } from './channels/fees';
import { backtestRequests, backtestStreams } from './channels/backtest';
import { bookRequests, bookStreams } from './channels/book';

/**
 * THE contract: every request/response channel and every event stream, with a zod schema for what
 * goes in and what comes out. Each feature declares its channels in `channels/<feature>.ts`; they
 * are merged here. Main validates every inbound payload against `input`/`params`; both sides take
 * their TypeScript types from here.
 */
export const requests = {
  ...appRequests,
  ...keyRequests,
  ...marketRequests,
  ...feeRequests,
  ...backtestRequests,
  ...bookRequests,
};

export const streams = {
  ...appStreams,
  ...keyStreams,
  ...marketStreams,
  ...backtestStreams,
  ...bookStreams,
};

export type Requests = typeof requests;
export type Streams = typeof streams;
export type RequestChannel = keyof Requests;
export type StreamChannel = keyof Streams;
export type RequestInput<C extends RequestChannel> = z.input<Requests[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<Requests[C]['output']>;
export type StreamParams<C extends StreamChannel> = z.input<Streams[C]['params']>;
export type StreamEvent<C extends StreamChannel> = z.output<Streams[C]['event']>;

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const STREAM_CHANNELS = Object.keys(streams) as StreamChannel[];
