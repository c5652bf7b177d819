import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FeeExchanges } from '../../../../shared/contract/fee-schemas';
import { useClient } from '../../api/context';
import { AccountRates } from './AccountRates';
import { Calculator } from './Calculator';
import { CompareTable } from './CompareTable';
import { FundingCalc } from './FundingCalc';
import { PositionCosts } from './PositionCosts';
import { FeeError } from './ScheduleBadge';
import { ScheduleManager } from './ScheduleManager';
import { TierLadder } from './TierLadder';
import type { FeeContext } from './context';
import { isDecimalText } from './format';
import './fees.css';

/** The Fees panel: calculator, comparison, tier ladder, position costs, funding and schedules. */
export function FeesPanel() {
  const client = useClient();
  const [catalog, setCatalog] = useState<FeeExchanges | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Bumped when account rates arrive: every result is asked again, since the schedule in use changed.
  const [ratesRevision, setRatesRevision] = useState(0);
  const [form, setForm] = useState({ exchange: 'binance', market: 'spot' as 'spot' | 'futures', tier: '', symbol: 'BTC/USDT', amount: '0.5', price: '60000', payInToken: false, at: '' });

  const reload = useCallback(() => {
    client
      .call('fees.exchanges', form.at ? { at: form.at } : {})
      .then((c) => {
        setCatalog(c);
        setLoadError(null);
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)));
  }, [client, form.at]);
  useEffect(reload, [reload, ratesRevision]);

  const exchange = catalog?.exchanges.find((e) => e.id === form.exchange);
  const market = exchange?.markets.find((m) => m.market === form.market);
  const tiers = market?.ladder?.tiers ?? [];
  const ctx: FeeContext = useMemo(() => ({ ...form, ready: isDecimalText(form.amount) && isDecimalText(form.price) && form.symbol.trim() !== '' }), [form]);

  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => {
      const next = { ...f, [key]: value };
      // Futures symbols settle in the quote currency (BTC/USDT:USDT); keep the symbol matching the market.
      if (key === 'market') next.symbol = value === 'futures' && !f.symbol.includes(':') ? `${f.symbol}:${f.symbol.split('/')[1] ?? 'USDT'}` : value === 'spot' ? f.symbol.split(':')[0]! : f.symbol;
      if (key === 'exchange' || key === 'market') next.tier = '';
      return next;
    });

  return (
    <div className="panel fees-panel" data-testid="fees-panel">
      <form className="fee-context" onSubmit={(e) => e.preventDefault()} aria-label="Order to price">
        <label>
          Exchange
          <select value={form.exchange} onChange={(e) => set('exchange', e.target.value)} data-testid="fee-exchange">
            {(catalog?.exchanges ?? [{ id: form.exchange }]).map((e) => (
              <option key={e.id} value={e.id}>
                {e.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Market
          <select value={form.market} onChange={(e) => set('market', e.target.value as 'spot' | 'futures')} data-testid="fee-market">
            <option value="spot">spot</option>
            <option value="futures">futures (USDⓈ-M perp)</option>
          </select>
        </label>
        <label>
          Tier
          <select value={form.tier} onChange={(e) => set('tier', e.target.value)} data-testid="fee-tier">
            <option value="">{tiers[0] ? `${tiers[0].name} (entry)` : 'entry tier'}</option>
            {tiers.slice(1).map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Symbol
          <input value={form.symbol} onChange={(e) => set('symbol', e.target.value)} spellCheck={false} size={12} data-testid="fee-symbol" />
        </label>
        <label>
          Amount
          <input value={form.amount} onChange={(e) => set('amount', e.target.value)} inputMode="decimal" size={10} data-testid="fee-amount" aria-invalid={!isDecimalText(form.amount)} />
        </label>
        <label>
          Price
          <input value={form.price} onChange={(e) => set('price', e.target.value)} inputMode="decimal" size={10} data-testid="fee-price" aria-invalid={!isDecimalText(form.price)} />
        </label>
        <label>
          Schedule at
          <input type="date" value={form.at} onChange={(e) => set('at', e.target.value)} data-testid="fee-at" />
        </label>
        <label className="fee-check">
          <input type="checkbox" checked={form.payInToken} onChange={(e) => set('payInToken', e.target.checked)} data-testid="fee-token" />
          pay in fee token
        </label>
      </form>
      <FeeError message={loadError} />
      {market?.unavailable && <FeeError message={market.unavailable} />}
      <AccountRates
        onApplied={(exchangeId) => {
          setRatesRevision((r) => r + 1);
          if (exchangeId !== form.exchange || form.market !== 'spot') setForm((f) => ({ ...f, exchange: exchangeId, market: 'spot', tier: '', symbol: f.symbol.split(':')[0]! }));
        }}
      />
      <div className="fee-grid" key={ratesRevision}>
        <Calculator ctx={ctx} />
        <PositionCosts ctx={ctx} />
        <FundingCalc ctx={ctx} />
        <CompareTable ctx={ctx} />
        <TierLadder ctx={ctx} ladder={market?.ladder ?? null} onPickTier={(t) => set('tier', t)} />
        <ScheduleManager catalog={catalog} onChanged={reload} />
      </div>
    </div>
  );
}
