import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MarketdeskBridge, StreamChannel, StreamEvent, StreamParams } from '../../../shared/contract';
import { Client } from './client';
import { createWsBridge, type ConnectionState } from './ws-transport';

export interface Connection {
  client: Client;
  transport: 'electron' | 'ws';
  state: () => ConnectionState;
  onState: (fn: (s: ConnectionState) => void) => () => void;
}

/** Picks the bridge: Electron's preload when present, otherwise serve mode's WebSocket. */
export function connect(): Connection {
  const listeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of listeners) l(s);
  };
  const preload = (window as unknown as { marketdesk?: MarketdeskBridge }).marketdesk;
  let bridge: MarketdeskBridge;
  let transport: Connection['transport'];
  if (preload) {
    bridge = preload;
    transport = 'electron';
    state = 'open';
  } else {
    const params = new URLSearchParams(window.location.search);
    const token = params.get('token');
    // The token now lives in an HttpOnly cookie; keep it out of the address bar and history.
    if (token) {
      params.delete('token');
      const rest = params.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
    }
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${proto}://${window.location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    bridge = createWsBridge(url, setState);
    transport = 'ws';
  }
  return {
    client: new Client(bridge),
    transport,
    state: () => state,
    onState: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

const ConnectionContext = createContext<Connection | null>(null);

export function ConnectionProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>;
}

export function useConnection(): Connection {
  const c = useContext(ConnectionContext);
  if (!c) throw new Error('useConnection outside ConnectionProvider');
  return c;
}

export function useClient(): Client {
  return useConnection().client;
}

export function useConnectionState(): ConnectionState {
  const c = useConnection();
  const [s, setS] = useState(c.state());
  useEffect(() => {
    const off = c.onState(setS);
    // The socket may have opened between the first render and this effect.
    setS(c.state());
    return off;
  }, [c]);
  return s;
}

/** The latest event of a stream; the subscription ends when the component unmounts. */
export function useStream<C extends StreamChannel>(stream: C, params: StreamParams<C>, deps: unknown[] = []): StreamEvent<C> | null {
  const client = useClient();
  const [event, setEvent] = useState<StreamEvent<C> | null>(null);
  useEffect(() => client.subscribe(stream, params, setEvent), [client, stream, ...deps]);
  return event;
}
