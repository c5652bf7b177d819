import { useState } from 'react';
import { type FeeContext, pricing } from './context';
import { FeeError, ScheduleBadge } from './ScheduleBadge';
import { isDecimalText, pct } from './format';
import { directionClass, Segmented } from './Segmented';
import { useFeeCall } from './useFeeCall';

type OrderType = 'market' | 'limit';

/** A whole position: round-trip fees and PnL, the break-even exit price, and the maker/taker split. */
export function PositionCosts({ ctx }: { ctx: FeeContext }) {
  const [direction, setDirection] = useState<'long' | 'short'>('long');
  const [exitPrice, setExitPrice] = useState('');
  const [entryType, setEntryType] = useState<OrderType>('market');
  const [exitType, setExitType] = useState<OrderType>('market');
  const [makerShare, setMakerShare] = useState('1');
  const exit = exitPrice || ctx.price;
  const base = { ...pricing(ctx), symbol: ctx.symbol, amount: ctx.amount, direction, entryOrderType: entryType, exitOrderType: exitType };
  const rt = useFeeCall('fees.roundTrip', ctx.ready && isDecimalText(exit) ? { ...base, entryPrice: ctx.price, exitPrice: exit } : null);
  const be = useFeeCall('fees.breakEven', ctx.ready ? { ...base, entryPrice: ctx.price } : null);
  const opt = useFeeCall(
    'fees.optimize',
    ctx.ready && isDecimalText(makerShare) ? { ...pricing(ctx), symbol: ctx.symbol, amount: ctx.amount, price: ctx.price, makerFillRatio: makerShare } : null,
  );
  const side = be.value ? be.value[direction] : null;
  const typeSelect = (value: OrderType, onChange: (v: OrderType) => void, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as OrderType)}>
        <option value="market">market (taker)</option>
        <option value="limit">limit (maker)</option>
      </select>
    </label>
  );
  return (
    <section className="fee-card" aria-label="Round trip and break-even">
      <h3>Round trip &amp; break-even</h3>
      <div className="fee-row">
        <Segmented label="Direction" options={['long', 'short'] as const} value={direction} onChange={setDirection} activeClass={directionClass} />
        <label>
          Exit price
          <input value={exitPrice} onChange={(e) => setExitPrice(e.target.value)} placeholder={ctx.price} inputMode="decimal" size={10} data-testid="fee-exit-price" />
        </label>
        {typeSelect(entryType, setEntryType, 'Entry')}
        {typeSelect(exitType, setExitType, 'Exit')}
      </div>
      <FeeError message={rt.error ?? be.error} testId="fee-position-error" />
      {rt.value && (
        <dl className="fee-kv" data-testid="fee-roundtrip">
          <dt>entry fee</dt>
          <dd>
            {rt.value.entry.feeAmount} {rt.value.feeCurrency} <span className="dim">({rt.value.entry.isMaker ? 'maker' : 'taker'} {pct(rt.value.entry.feeRate)})</span>
          </dd>
          <dt>exit fee</dt>
          <dd>
            {rt.value.exit.feeAmount} {rt.value.feeCurrency} <span className="dim">({rt.value.exit.isMaker ? 'maker' : 'taker'} {pct(rt.value.exit.feeRate)})</span>
          </dd>
          <dt>total</dt>
          <dd data-testid="fee-roundtrip-total">
            {rt.value.totalFee} {rt.value.feeCurrency} <span className="dim">= {rt.value.totalPctOfEntryNotional}% of entry notional</span>
          </dd>
          <dt>PnL gross / net</dt>
          <dd>
            <span className={rt.value.grossPnl.startsWith('-') ? 'down' : 'up'}>{rt.value.grossPnl}</span> / <span className={rt.value.netPnl.startsWith('-') ? 'down' : 'up'}>{rt.value.netPnl}</span>
          </dd>
        </dl>
      )}
      {side && be.value && (
        <dl className="fee-kv" data-testid="fee-breakeven">
          <dt>break-even exit</dt>
          <dd data-testid="fee-breakeven-price" title={`exact: ${side.exact.numerator} / ${side.exact.denominator} (${be.value.formula})`}>
            {side.price}
            {!side.isExact && <span className="dim"> (rounded {direction === 'long' ? 'up' : 'down'}, never a loss)</span>}
          </dd>
          <dt>required move</dt>
          <dd>
            {direction === 'long' ? '+' : '−'}
            {side.requiredMovePct}%
          </dd>
        </dl>
      )}
      {(rt.value ?? be.value) && <ScheduleBadge schedule={(rt.value ?? be.value)!.schedule} testId="fee-position-schedule" />}
      <h4>Maker/taker split</h4>
      <div className="fee-row">
        <label>
          Maker fill share (0–1)
          <input value={makerShare} onChange={(e) => setMakerShare(e.target.value)} inputMode="decimal" size={5} />
        </label>
      </div>
      <FeeError message={opt.error} />
      {opt.value && (
        <>
          <dl className="fee-kv" data-testid="fee-optimize">
            <dt>strategy</dt>
            <dd>{opt.value.strategy}</dd>
            <dt>estimated fee</dt>
            <dd>
              {opt.value.estimatedFee} {opt.value.feeCurrency} <span className="dim">vs all taker {opt.value.allTakerFee}</span>
            </dd>
            <dt>saves</dt>
            <dd className="up">
              {opt.value.savingsVsAllTaker} {opt.value.feeCurrency}
              {opt.value.savingsPct !== null && ` (${opt.value.savingsPct}%)`}
            </dd>
          </dl>
          <p className="dim">Assumes: {opt.value.assumption}</p>
        </>
      )}
    </section>
  );
}
