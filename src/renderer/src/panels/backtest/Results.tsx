import type { GradeCard as GradeCardData, MetricRow, RunDetail } from '../../../../shared/contract/backtest-schemas';
import { fmtMetric, fmtMoney, fmtPct, fmtTime } from './format';

export function RunHeadline({ run }: { run: RunDetail }) {
  const ret = run.finalEquity / run.initialCapital - 1;
  return (
    <div className="bt-headline" data-testid="bt-headline">
      <span>
        Final equity <b>{fmtMoney(run.finalEquity)}</b>
      </span>
      <span className={ret >= 0 ? 'up' : 'down'}>Return {fmtPct(ret)}</span>
      <span>Buy &amp; hold {fmtPct(run.buyAndHoldReturn)}</span>
      <span>{run.tradeCount} trades</span>
      <span>Fees {fmtMoney(run.totalFees)}</span>
      <span className="dim" title={`dataset hash ${run.datasetHash}`}>
        {run.bars.toLocaleString('en-US')} bars · {run.dataset}
      </span>
    </div>
  );
}

/** The metrics grouped like the core's table; every label carries its definition as a tooltip. */
export function MetricsTable({ run }: { run: RunDetail }) {
  if (run.metrics.length === 0) {
    return <div className="error">Metrics could not be computed: {run.metricsError ?? 'no data'}</div>;
  }
  const byGroup = new Map<string, MetricRow[]>();
  for (const m of run.metrics) byGroup.set(m.group, [...(byGroup.get(m.group) ?? []), m]);
  return (
    <div className="bt-metrics" data-testid="bt-metrics">
      {run.metricGroups.map((g) => (
        <table key={g.key} className="bt-metric-group">
          <caption>{g.label}</caption>
          <tbody>
            {(byGroup.get(g.key) ?? []).map((m) => (
              <tr key={m.key} data-testid={`metric-${m.key}`}>
                <th title={m.definition} className="has-tip">
                  {m.label}
                </th>
                <td title={m.reason ?? undefined} className={m.value === null ? 'dim' : undefined}>
                  {fmtMetric(m)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export function GradeCard({ summary }: { summary: GradeCardData | null }) {
  if (!summary) return null;
  return (
    <div className="bt-grade" data-testid="bt-grade">
      <div className={`bt-grade-letter grade-${summary.grade ?? 'none'}`}>{summary.grade ?? '–'}</div>
      <div className="bt-grade-body">
        <div className="dim">{summary.gradeReason}</div>
        <ul className="bt-assessments">
          {summary.assessments.map((a) => (
            <li key={a.area}>
              <b>{a.area}</b>: {a.level} — {a.text}
            </li>
          ))}
        </ul>
        {summary.recommendations.length > 0 && (
          <ul className="bt-recommendations" data-testid="bt-recommendations">
            {summary.recommendations.map((r) => (
              <li key={r.rule} className={`sev-${r.severity}`}>
                {r.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function TradesTable({ run }: { run: RunDetail }) {
  return (
    <div className="bt-trades">
      <table data-testid="bt-trades">
        <thead>
          <tr>
            <th>#</th>
            <th>Side</th>
            <th>Entry (UTC)</th>
            <th>Entry price</th>
            <th>Exit (UTC)</th>
            <th>Exit price</th>
            <th>Quantity</th>
            <th>Fee</th>
            <th>PnL</th>
          </tr>
        </thead>
        <tbody>
          {run.trades.map((t, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{t.side}</td>
              <td>{fmtTime(t.entryTime)}</td>
              <td>{fmtMoney(t.entryPrice)}</td>
              <td>{fmtTime(t.exitTime)}</td>
              <td>{fmtMoney(t.exitPrice)}</td>
              <td>{t.quantity.toFixed(6)}</td>
              <td>{fmtMoney(t.fee)}</td>
              <td className={t.pnl >= 0 ? 'up' : 'down'}>{fmtMoney(t.pnl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.trades.length === 0 && <div className="dim">No trades.</div>}
    </div>
  );
}
