import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/contract';
import { useClient, useConnection, useConnectionState, useStream } from '../api/context';

const STATE_TEXT = { connecting: 'connecting…', open: 'connected', reconnecting: 'reconnecting…', closed: 'disconnected' } as const;

export function StatusBar() {
  const { transport } = useConnection();
  const client = useClient();
  const state = useConnectionState();
  const status = useStream('app.status', {});
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    client.call('app.info', {}).then(setInfo, () => setInfo(null));
  }, [client, state]);

  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`dot ${state === 'open' ? 'up' : 'down'}`} />
      <span data-testid="connection-state">
        {transport === 'electron' ? 'desktop' : 'browser'} · {STATE_TEXT[state]}
      </span>
      <span>keychain: {status ? (status.keychain.available ? 'available' : 'unavailable') : '…'}</span>
      <span className="spacer" />
      {info && (
        <span>
          Marketdesk {info.version} · {info.mode}
        </span>
      )}
      <span data-testid="clock">{status ? new Date(status.time).toISOString().slice(11, 19) + ' UTC' : ''}</span>
    </footer>
  );
}
