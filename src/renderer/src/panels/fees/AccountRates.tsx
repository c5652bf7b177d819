import { useCallback, useEffect, useState } from 'react';
import type { FeeAccountRatesState, FeeRefreshAccountRates } from '../../../../shared/contract/fee-schemas';
import { useClient } from '../../api/context';
import { pct } from './format';
import { FeeError } from './ScheduleBadge';

const idOf = (a: { exchangeId: string; label: string }) => `${a.exchangeId}:${a.label}`;

function describe(a: FeeAccountRatesState): string {
  return `${a.exchangeId} · ${a.label}${a.demo ? ' (demo venue)' : ''}`;
}

/**
 * "Account rates": fetch the rates the exchange reports for one of the user's accounts (or the
 * demo venue). Once fetched they price every spot result for that exchange where no tier is named,
 * shown as exchange-reported; a named tier still uses the published ladder.
 */
export function AccountRates({ onApplied }: { onApplied: (exchangeId: string) => void }) {
  const client = useClient();
  const [accounts, setAccounts] = useState<FeeAccountRatesState[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<FeeRefreshAccountRates | null>(null);

  const load = useCallback(() => {
    client
      .call('fees.accountRates', {})
      .then((r) => {
        setAccounts(r.accounts);
        setChosen((c) => (c && r.accounts.some((a) => idOf(a) === c) ? c : r.accounts[0] ? idOf(r.accounts[0]) : ''));
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [client]);
  useEffect(load, [load]);

  const account = accounts?.find((a) => idOf(a) === chosen) ?? null;
  const fetchRates = async () => {
    if (!account) return;
    setBusy(true);
    setError(null);
    try {
      const r = await client.call('fees.refreshAccountRates', { exchangeId: account.exchangeId, label: account.label });
      setLast(r);
      onApplied(r.exchangeId);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      load();
    }
  };

  const shown = last && account && idOf(last) === idOf(account) ? last : account;
  return (
    <section className="fee-card fee-account" aria-label="Account rates" data-testid="fee-account">
      <h3>
        Account rates <span className="dim">the exchange's own rates for your account win over published schedules</span>
      </h3>
      {accounts && accounts.length === 0 ? (
        <p className="dim">No connection with API keys: add a key (Settings → API keys) to fetch your account's rates.</p>
      ) : (
        <div className="fee-row">
          <label>
            Connection
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="fee-account-connection">
              {(accounts ?? []).map((a) => (
                <option key={idOf(a)} value={idOf(a)}>
                  {describe(a)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void fetchRates()} disabled={!account || busy} data-testid="fee-account-fetch">
            {busy ? 'Fetching…' : 'Fetch my rates'}
          </button>
        </div>
      )}
      <FeeError message={error} testId="fee-account-error" />
      {shown && shown.status === 'applied' && shown.fetchedAt !== null && (
        <div className="fee-result" data-testid="fee-account-result">
          <span className="fee-origin fee-origin-exchange">exchange-reported</span> in use for {shown.exchangeId} spot (ccxt fetchTradingFees, fetched at{' '}
          {new Date(shown.fetchedAt).toISOString().replace('T', ' ').slice(0, 19)} UTC): maker {shown.maker !== null ? pct(shown.maker) : '—'}, taker{' '}
          {shown.taker !== null ? pct(shown.taker) : '—'} <span className="dim">({shown.symbolCount} symbols reported)</span>
        </div>
      )}
    </section>
  );
}
