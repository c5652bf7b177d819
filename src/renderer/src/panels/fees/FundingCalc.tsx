import { useState } from 'react';
import { type FeeContext } from './context';
import { FeeError } from './ScheduleBadge';
import { isDecimalText, percentToFraction } from './format';
import { directionClass, Segmented } from './Segmented';
import { useFeeCall } from './useFeeCall';

/** Funding of a perpetual position: positive rate = long pays. Rates are entered in percent per period. */
export function FundingCalc({ ctx }: { ctx: FeeContext }) {
  const [direction, setDirection] = useState<'long' | 'short'>('long');
  const [ratePct, setRatePct] = useState('0.01');
  const [periods, setPeriods] = useState('21');
  const [intervalHours, setIntervalHours] = useState('8');
  const n = /^\d+$/.test(periods) ? Number(periods) : NaN;
  const rate = isDecimalText(ratePct) ? percentToFraction(ratePct.trim()) : null;
  const { value: r, error } = useFeeCall(
    'fees.funding',
    ctx.ready && rate !== null && Number.isInteger(n) && n >= 1 && isDecimalText(intervalHours) ? { direction, amount: ctx.amount, markPrice: ctx.price, rate, periods: n, intervalHours } : null,
  );
  return (
    <section className="fee-card" aria-label="Funding">
      <h3>
        Funding <span className="dim">perpetuals · mark price = price above</span>
      </h3>
      <div className="fee-row">
        <Segmented label="Position" options={['long', 'short'] as const} value={direction} onChange={setDirection} activeClass={directionClass} />
        <label>
          Rate % / period
          <input value={ratePct} onChange={(e) => setRatePct(e.target.value)} inputMode="decimal" size={7} data-testid="fee-funding-rate" />
        </label>
        <label>
          Periods
          <input value={periods} onChange={(e) => setPeriods(e.target.value)} inputMode="numeric" size={4} />
        </label>
        <label>
          Every (h)
          <input value={intervalHours} onChange={(e) => setIntervalHours(e.target.value)} inputMode="decimal" size={3} />
        </label>
      </div>
      <FeeError message={error} />
      {r && (
        <>
          <dl className="fee-kv" data-testid="fee-funding">
            <dt>{r.totalCost.startsWith('-') ? 'receives' : 'pays'}</dt>
            <dd className={r.totalCost.startsWith('-') ? 'up' : 'down'} data-testid="fee-funding-total">
              {r.totalCost.replace(/^-/, '')} over {r.periods} periods ({Number(r.periods) * Number(r.intervalHours)} h)
            </dd>
            <dt>annualized</dt>
            <dd>
              {r.annualizedPct}% · {r.annualizedCost.replace(/^-/, '')} a year {r.annualizedCost.startsWith('-') ? 'received' : 'paid'}
            </dd>
          </dl>
          <p className="dim">
            {r.convention}; {r.assumption}.
          </p>
        </>
      )}
    </section>
  );
}
