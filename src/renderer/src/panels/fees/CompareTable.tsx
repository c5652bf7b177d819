import { type FeeContext } from './context';
import { FeeError } from './ScheduleBadge';
import { pct } from './format';
import { useFeeCall } from './useFeeCall';

function dateOf(s: { effectiveDate: string | null; observedAt: string | null }): string {
  return s.effectiveDate?.slice(0, 10) ?? (s.observedAt ? `obs. ${s.observedAt.slice(0, 10)}` : 'undated');
}

/** The same order on every exchange with a schedule for the market, cheapest taker fee first. */
export function CompareTable({ ctx }: { ctx: FeeContext }) {
  const { value: r, error } = useFeeCall(
    'fees.compare',
    ctx.ready
      ? { symbol: ctx.symbol, amount: ctx.amount, price: ctx.price, market: ctx.market, ...(ctx.tier ? { tier: ctx.tier } : {}), ...(ctx.payInToken ? { payInToken: true } : {}), ...(ctx.at ? { at: ctx.at } : {}) }
      : null,
  );
  return (
    <section className="fee-card fee-wide" aria-label="Exchange comparison">
      <h3>
        Comparison <span className="dim">{r ? `notional ${r.notional} ${r.feeCurrency} · ${ctx.tier || 'entry tier'} · cheapest taker first` : ''}</span>
      </h3>
      <FeeError message={error} />
      {r && (
        <table className="table fee-table" data-testid="fee-compare">
          <thead>
            <tr>
              <th>#</th>
              <th>exchange</th>
              <th>tier</th>
              <th className="num">taker</th>
              <th className="num">taker fee</th>
              <th className="num">maker</th>
              <th className="num">maker fee</th>
              <th>schedule</th>
              <th>date</th>
              <th>verified</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row, i) => (
              <tr key={row.exchange} data-testid={`fee-compare-row-${row.exchange}`} className={row.exchange === ctx.exchange ? 'current' : ''}>
                <td className="dim">{i + 1}</td>
                <td>{row.exchange}</td>
                <td>{row.tier}</td>
                <td className="num">{pct(row.takerRate)}</td>
                <td className="num">{row.takerFee}</td>
                <td className="num">{pct(row.makerRate)}</td>
                <td className={row.makerFee.startsWith('-') ? 'num up' : 'num'}>{row.makerFee}</td>
                <td title={`${row.schedule.source} (${row.schedule.sourceKind}) — ${row.schedule.selection}`}>
                  {row.schedule.id}
                  {row.schedule.origin !== 'shipped' && <span className={`fee-origin fee-origin-${row.schedule.origin}`}>{row.schedule.origin}</span>}
                </td>
                <td>{dateOf(row.schedule)}</td>
                <td className={row.schedule.verified ? 'up' : 'warn'}>{row.schedule.verified ? 'yes' : 'no'}</td>
              </tr>
            ))}
            {r.unavailable.map((u) => (
              <tr key={u.exchange} className="dim" data-testid={`fee-compare-unavailable-${u.exchange}`}>
                <td>–</td>
                <td>{u.exchange}</td>
                <td colSpan={8}>{u.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
