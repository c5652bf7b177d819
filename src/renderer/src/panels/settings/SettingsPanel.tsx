import { useCallback, useEffect, useState } from 'react';
import type { ApiKeyInfo } from '../../../../shared/contract';
import { useClient, useStream } from '../../api/context';
import { ApiKeyForm } from './ApiKeyForm';
import { ApiKeyList } from './ApiKeyList';

/** Settings: API keys (stored in the OS keychain; this panel only ever sees that a key exists). */
export function SettingsPanel() {
  const client = useClient();
  const status = useStream('app.status', {});
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client
      .call('keys.list', {})
      .then((k) => {
        setKeys(k);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [client]);

  useEffect(refresh, [refresh]);

  const keychainDown = status && !status.keychain.available;
  return (
    <div className="panel settings-panel">
      <section>
        <h2>API keys</h2>
        <p className="hint">
          Keys and secrets are stored in your operating system&apos;s keychain, never in Marketdesk&apos;s database or logs. Without keys Marketdesk runs on
          public data and the local demo venue.
        </p>
        {keychainDown && (
          <div className="error" role="alert" data-testid="keychain-error">
            {status.keychain.message}
          </div>
        )}
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <ApiKeyForm onAdded={refresh} />
        <ApiKeyList keys={keys} onChanged={refresh} />
      </section>
    </div>
  );
}
