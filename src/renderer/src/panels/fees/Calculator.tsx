import { useState } from 'react';
import { type FeeContext, pricing } from './context';
import { FeeError, ScheduleBadge } from './ScheduleBadge';
import { pct } from './format';
import { useFeeCall } from './useFeeCall';

/** One order's fee: market orders and marketable limits pay taker, resting limits pay maker. */
export function Calculator({ ctx }: { ctx: FeeContext }) {
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [orderType, setOrderType] = useState<'market' | 'limit'>('market');
  const [marketable, setMarketable] = useState(false);
  const { value: r, error, busy } = useFeeCall(
    'fees.calc',
    ctx.ready ? { ...pricing(ctx), symbol: ctx.symbol, amount: ctx.amount, price: ctx.price, side, orderType, ...(orderType === 'limit' && marketable ? { marketable: true } : {}) } : null,
  );
  return (
    <section className="fee-card" aria-label="Fee calculator">
      <h3>Calculator</h3>
      <div className="fee-row">
        <div className="fee-seg" role="group" aria-label="Side">
          {(['buy', 'sell'] as const).map((s) => (
            <button key={s} type="button" className={side === s ? `active ${s}` : ''} onClick={() => setSide(s)} aria-pressed={side === s}>
              {s}
            </button>
          ))}
        </div>
        <div className="fee-seg" role="group" aria-label="Order type">
          {(['market', 'limit'] as const).map((t) => (
            <button key={t} type="button" className={orderType === t ? 'active' : ''} onClick={() => setOrderType(t)} aria-pressed={orderType === t} data-testid={`fee-type-${t}`}>
              {t}
            </button>
          ))}
        </div>
        {orderType === 'limit' && (
          <label className="fee-check">
            <input type="checkbox" checked={marketable} onChange={(e) => setMarketable(e.target.checked)} />
            crosses the book
          </label>
        )}
      </div>
      <FeeError message={error} testId="fee-calc-error" />
      {r && (
        <div className={busy ? 'fee-result stale' : 'fee-result'}>
          <div className="fee-big" data-testid="fee-calc-amount">
            {r.feeAmount} {r.feeCurrency}
          </div>
          <dl className="fee-kv">
            <dt>role</dt>
            <dd data-testid="fee-calc-role">{r.isMaker ? 'maker' : 'taker'}</dd>
            <dt>rate</dt>
            <dd>
              {pct(r.feeRate)} <span className="dim">({r.feeRate})</span>
            </dd>
            <dt>notional</dt>
            <dd>
              {r.notional} {r.feeCurrency}
            </dd>
            <dt>tier</dt>
            <dd>{r.tier}</dd>
            {r.payInToken && (
              <>
                <dt>paid in</dt>
                <dd>{r.payInToken} (value shown in {r.feeCurrency})</dd>
              </>
            )}
          </dl>
          <ScheduleBadge schedule={r.schedule} testId="fee-calc-schedule" />
        </div>
      )}
    </section>
  );
}
