/**
 * The names of every channel, kept free of schemas so the sandboxed preload can bundle them
 * without pulling in zod. `contract.ts` is type-checked to define exactly these names.
 */

export const REQUEST_CHANNELS = [
  'app.info',
  'settings.get',
  'settings.update',
  'layouts.list',
  'layouts.load',
  'layouts.save',
  'layouts.delete',
  'exchanges.catalog',
  'keys.list',
  'keys.add',
  'keys.delete',
] as const;

export const STREAM_CHANNELS = ['app.status'] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type StreamChannel = (typeof STREAM_CHANNELS)[number];
