import { fmtMs, fmtTime } from './format';
import { DemoBadge } from './DemoBadge';
import { refOf, sameConnection, select, useConnections, useSelection } from './selection';

/** Exchanges and accounts with their health: state and reason, latency, error rate, stream state, last error. */
export function ConnectionsPanel() {
  const list = useConnections();
  const { connection } = useSelection();
  return (
    <div className="panel market-panel" data-testid="connections-panel">
      {!list && <p className="hint">Loading connections…</p>}
      {list && list.length === 0 && <p className="hint">No connections: add an API key in Settings.</p>}
      {list && list.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>Exchange</th>
              <th>Account</th>
              <th>Health</th>
              <th>p50 / p95</th>
              <th>Errors</th>
              <th>Stream</th>
              <th>Requests</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} className={sameConnection(refOf(c), connection) ? 'selected' : ''} onClick={() => select({ connection: refOf(c), symbol: null })} data-testid="connection-row">
                <td>
                  {c.exchangeId} <DemoBadge connection={c} />
                </td>
                <td>{c.account ?? 'public'}</td>
                <td>
                  <span className={`health ${c.state}`} data-testid="connection-state">
                    {c.state}
                  </span>{' '}
                  <span className="hint">{c.reason}</span>
                  {c.rateLimitFactor < 1 && <span className="hint"> · rate ×{c.rateLimitFactor}</span>}
                </td>
                <td>
                  {fmtMs(c.latencyP50)} / {fmtMs(c.latencyP95)}
                </td>
                <td>{(c.errorRate * 100).toFixed(0)}%</td>
                <td>
                  {c.ws}
                  {c.wsReconnects > 0 ? ` (${c.wsReconnects} reconnects)` : ''}
                </td>
                <td>
                  {c.requests}
                  {c.retries > 0 ? ` · ${c.retries} retried` : ''}
                  {c.failovers > 0 ? ` · ${c.failovers} failovers` : ''}
                </td>
                <td className="last-error" title={c.lastError?.message}>
                  {c.lastError ? `${fmtTime(c.lastError.time)} ${c.lastError.kind}: ${c.lastError.message.slice(0, 80)}` : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
