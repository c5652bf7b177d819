import { useState } from 'react';
import { type FeeContext, pricing } from './context';
import { FeeError, ScheduleBadge } from './ScheduleBadge';
import { pct } from './format';
import { Segmented } from './Segmented';
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
        <Segmented label="Side" options={['buy', 'sell'] as const} value={side} onChange={setSide} activeClass={(s) => `active ${s}`} />
        <Segmented label="Order type" options={['market', 'limit'] as const} value={orderType} onChange={setOrderType} testId={(t) => `fee-type-${t}`} />
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
