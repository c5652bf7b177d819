/**
 * The sandboxed preload: exposes `window.marketdesk` with one function per request channel and a
 * `subscribe` for streams — nothing else (no ipcRenderer, no process, no Node). Bundled as
 * CommonJS because a sandboxed preload cannot be an ES module.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { REQUEST_CHANNELS, STREAM_CHANNELS } from '../shared/contract/contract';

type Listener = { onEvent: (event: unknown) => void; onEnd?: (end: { error?: unknown }) => void };

const listeners = new Map<string, Listener>();
let nextId = 0;

ipcRenderer.on('md:ev', (_e, id: string, event: unknown) => listeners.get(id)?.onEvent(event));
ipcRenderer.on('md:end', (_e, id: string, error?: unknown) => {
  const l = listeners.get(id);
  listeners.delete(id);
  l?.onEnd?.(error ? { error } : {});
});

const bridge: Record<string, unknown> = {};
for (const channel of REQUEST_CHANNELS) {
  bridge[channel] = (input: unknown) => ipcRenderer.invoke('md:req', channel, input);
}
bridge.subscribe = (stream: string, params: unknown, onEvent: (e: unknown) => void, onEnd?: Listener['onEnd']) => {
  if (!(STREAM_CHANNELS as readonly string[]).includes(stream)) throw new Error(`unknown stream "${stream}"`);
  const id = `s${++nextId}`;
  listeners.set(id, { onEvent, onEnd });
  ipcRenderer.send('md:sub', id, stream, params);
  return () => {
    if (listeners.delete(id)) ipcRenderer.send('md:unsub', id);
  };
};

contextBridge.exposeInMainWorld('marketdesk', bridge);
