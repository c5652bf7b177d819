import { useState } from 'react';
import type { ApiKeyInfo } from '../../../../shared/contract';
import { useClient } from '../../api/context';

export function ApiKeyList({ keys, onChanged }: { keys: ApiKeyInfo[] | null; onChanged: () => void }) {
  const client = useClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (keys === null) return <p className="hint">Loading keys…</p>;
  if (keys.length === 0) return <p className="hint" data-testid="no-keys">No API keys yet.</p>;

  const remove = async (k: ApiKeyInfo) => {
    try {
      await client.call('keys.delete', { exchangeId: k.exchangeId, label: k.label });
      setConfirming(null);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <>
      <table className="table" data-testid="key-table">
        <thead>
          <tr>
            <th>Exchange</th>
            <th>Label</th>
            <th>Secret</th>
            <th>Added</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const id = `${k.exchangeId}:${k.label}`;
            return (
              <tr key={id} data-testid={`key-row-${id}`}>
                <td>{k.exchangeId}</td>
                <td>{k.label}</td>
                <td>{k.hasSecret ? 'in keychain' : 'missing from keychain'}</td>
                <td>{new Date(k.createdAt).toLocaleString()}</td>
                <td>
                  {confirming === id ? (
                    <span className="confirm">
                      Delete this key?{' '}
                      <button type="button" className="danger" onClick={() => void remove(k)}>
                        Delete
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setConfirming(id)}>
                      Delete…
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
