import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ExchangeCatalogEntry } from '../../../../shared/contract';
import { useClient } from '../../api/context';

const EMPTY = { exchangeId: '', label: '', apiKey: '', secret: '', password: '', uid: '' };

export function ApiKeyForm({ onAdded }: { onAdded: () => void }) {
  const client = useClient();
  const [catalog, setCatalog] = useState<ExchangeCatalogEntry[] | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  useEffect(() => {
    client
      .call('exchanges.catalog', {})
      .then(setCatalog)
      .catch((err: unknown) => setMessage({ kind: 'error', text: `The exchange list could not be loaded: ${err instanceof Error ? err.message : String(err)}` }));
  }, [client]);

  const exchange = useMemo(() => catalog?.find((e) => e.id === form.exchangeId), [catalog, form.exchangeId]);
  const set = (field: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const added = await client.call('keys.add', {
        exchangeId: form.exchangeId,
        label: form.label,
        apiKey: form.apiKey,
        secret: form.secret,
        ...(exchange?.requiresPassword ? { password: form.password } : {}),
        ...(exchange?.requiresUid ? { uid: form.uid } : {}),
      });
      // Clear the credentials from memory as soon as main has them.
      setForm(EMPTY);
      setMessage({ kind: 'ok', text: `Key "${added.label}" for ${exchange?.name ?? added.exchangeId} saved to the keychain.` });
      onAdded();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="key-form" onSubmit={(e) => void submit(e)} autoComplete="off" aria-label="Add API key">
      <label>
        Exchange
        <select value={form.exchangeId} onChange={set('exchangeId')} required disabled={!catalog} data-testid="key-exchange">
          <option value="">{catalog ? 'Choose an exchange…' : 'Loading exchanges…'}</option>
          {catalog?.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.id})
            </option>
          ))}
        </select>
      </label>
      <label>
        Label
        <input value={form.label} onChange={set('label')} required maxLength={40} placeholder="main" data-testid="key-label" />
      </label>
      <label>
        API key
        <input value={form.apiKey} onChange={set('apiKey')} required spellCheck={false} data-testid="key-apikey" />
      </label>
      <label>
        Secret
        <input type="password" value={form.secret} onChange={set('secret')} required data-testid="key-secret" />
      </label>
      {exchange?.requiresPassword && (
        <label>
          Password / passphrase
          <input type="password" value={form.password} onChange={set('password')} required data-testid="key-password" />
        </label>
      )}
      {exchange?.requiresUid && (
        <label>
          User id
          <input value={form.uid} onChange={set('uid')} required data-testid="key-uid" />
        </label>
      )}
      <button type="submit" disabled={busy || !catalog}>
        {busy ? 'Saving…' : 'Add key'}
      </button>
      {message && (
        <div className={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="key-form-message">
          {message.text}
        </div>
      )}
    </form>
  );
}
