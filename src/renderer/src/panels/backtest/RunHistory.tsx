import type { RunSummary } from '../../../../shared/contract/backtest-schemas';
import { fmtPct, fmtTime } from './format';

export function RunHistory({ runs, selected, onSelect, onDelete }: { runs: RunSummary[]; selected: string | null; onSelect: (id: string) => void; onDelete: (id: string) => void }) {
  if (runs.length === 0) return <div className="dim">No runs yet.</div>;
  return (
    <table className="bt-history" data-testid="bt-history">
      <thead>
        <tr>
          <th>When (UTC)</th>
          <th>Strategy</th>
          <th>Dataset</th>
          <th>Return</th>
          <th>Trades</th>
          <th>Grade</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className={r.id === selected ? 'selected' : undefined} onClick={() => onSelect(r.id)} data-testid={`bt-run-${r.id}`}>
            <td>{fmtTime(r.createdAt)}</td>
            <td title={JSON.stringify(r.params)}>{r.strategy}</td>
            <td>{r.dataset.replace(/^db:/, '')}</td>
            <td className={r.totalReturn >= 0 ? 'up' : 'down'}>{fmtPct(r.totalReturn)}</td>
            <td>{r.tradeCount}</td>
            <td>{r.grade ?? '–'}</td>
            <td>
              <button
                type="button"
                aria-label="Delete run"
                onClick={(e) => {
                  e.stopPropagation();
                  onDelete(r.id);
                }}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
