import { z } from 'zod';
import type { RequestChannel, StreamChannel } from './names';
import * as S from './schemas';

/**
 * THE contract: every request/response channel and every event stream, with a zod schema for what
 * goes in and what comes out. Main validates every inbound payload against `input`/`params`; both
 * sides take their TypeScript types from here.
 */

interface RequestDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  description: string;
}
interface StreamDef<P extends z.ZodType, E extends z.ZodType> {
  params: P;
  event: E;
  description: string;
}

const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, description: string): RequestDef<I, O> => ({ input, output, description });
const stream = <P extends z.ZodType, E extends z.ZodType>(params: P, event: E, description: string): StreamDef<P, E> => ({ params, event, description });

export const requests = {
  'app.info': request(S.Empty, S.AppInfo, 'Version, mode (electron or serve), data folder and schema version.'),
  'settings.get': request(S.Empty, S.Settings, 'The user settings, with defaults filled in.'),
  'settings.update': request(S.SettingsPatch, S.Settings, 'Merge a partial update into the settings; returns the result.'),
  'layouts.list': request(S.Empty, z.array(S.LayoutSummary), 'Saved workspace layouts, newest first.'),
  'layouts.load': request(z.object({ name: S.LayoutSave.shape.name }).strict(), S.SavedLayout.nullable(), 'One saved layout, or null when none is saved under that name.'),
  'layouts.save': request(S.LayoutSave, S.LayoutSummary, 'Save (create or replace) a layout.'),
  'layouts.delete': request(z.object({ name: S.LayoutSave.shape.name }).strict(), z.object({ deleted: z.boolean() }), 'Delete a saved layout.'),
  'exchanges.catalog': request(S.Empty, z.array(S.ExchangeCatalogEntry), "ccxt's exchanges with the credentials each needs."),
  'keys.list': request(S.Empty, z.array(S.ApiKeyInfo), 'Stored API keys: metadata only, never the secret.'),
  'keys.add': request(S.ApiKeyAdd, S.ApiKeyInfo, 'Store an API key: the credentials go to the OS keychain, metadata to the database.'),
  'keys.delete': request(S.ApiKeyRef, z.object({ deleted: z.boolean() }), 'Delete an API key from the keychain and the database.'),
} satisfies Record<RequestChannel, RequestDef<z.ZodType, z.ZodType>>;

export const streams = {
  'app.status': stream(S.Empty, S.AppStatus, 'App health once a second: keychain, uptime, open subscriptions.'),
} satisfies Record<StreamChannel, StreamDef<z.ZodType, z.ZodType>>;

// Both directions of the name list must match the definitions exactly.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _requestNamesMatch: Exact<keyof typeof requests, RequestChannel> = true;
const _streamNamesMatch: Exact<keyof typeof streams, StreamChannel> = true;
void _requestNamesMatch;
void _streamNamesMatch;

export type Requests = typeof requests;
export type Streams = typeof streams;
export type RequestInput<C extends RequestChannel> = z.input<Requests[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<Requests[C]['output']>;
export type StreamParams<C extends StreamChannel> = z.input<Streams[C]['params']>;
export type StreamEvent<C extends StreamChannel> = z.output<Streams[C]['event']>;
