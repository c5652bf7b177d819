import { useEffect, useState } from 'react';
import type { FeeExchanges, FeeSchedules, ScheduleSummary } from '../../../../shared/contract/fee-schemas';
import { useClient } from '../../api/context';
import { FeeError } from './ScheduleBadge';

function when(s: ScheduleSummary): string {
  if (s.effectiveFrom) return `from ${s.effectiveFrom.slice(0, 10)}`;
  if (s.observedAt) return `observed ${s.observedAt.slice(0, 10)}`;
  return 'undated';
}

/** Every known schedule with its date, source and verified flag; import a user's own (paste or file), remove imports. */
export function ScheduleManager({ catalog, onChanged }: { catalog: FeeExchanges | null; onChanged: () => void }) {
  const client = useClient();
  const [text, setText] = useState('');
  const [label, setLabel] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [stored, setStored] = useState<FeeSchedules | null>(null);

  useEffect(() => {
    client
      .call('fees.schedules', {})
      .then(setStored)
      .catch((err: unknown) => setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) }));
  }, [client, catalog]);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setLabel(file.name);
    setMessage(null);
  };

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await client.call('fees.importSchedule', { json: text, ...(label ? { label } : {}) });
      setMessage({ kind: 'ok', text: `Imported ${r.imported.map((s) => `${s.id} (${s.exchange} ${s.market})`).join(', ')}${r.replaced.length ? `; replaced ${r.replaced.join(', ')}` : ''}.` });
      setText('');
      setLabel(undefined);
      onChanged();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await client.call('fees.removeSchedule', { id });
      setMessage({ kind: 'ok', text: `Removed ${id}.` });
      onChanged();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };

  const all = stored?.schedules ?? [];
  return (
    <section className="fee-card fee-wide" aria-label="Fee schedules">
      <h3>
        Schedules <span className="dim">imported win over shipped; exchange-reported account rates win over both</span>
      </h3>
      <table className="table fee-table" data-testid="fee-schedules">
        <thead>
          <tr>
            <th>id</th>
            <th>exchange</th>
            <th>market</th>
            <th>date</th>
            <th>verified</th>
            <th>origin</th>
            <th>source</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {all.map((s) => (
            <tr key={s.id} data-testid={`fee-schedule-${s.id}`}>
              <td>{s.id}</td>
              <td>{s.exchange}</td>
              <td>{s.market}</td>
              <td>{when(s)}</td>
              <td className={s.verified ? 'up' : 'warn'}>{s.verified ? 'yes' : 'no'}</td>
              <td>
                <span className={`fee-origin fee-origin-${s.origin}`}>{s.origin}</span>
                {s.label && <span className="dim"> {s.label}</span>}
              </td>
              <td className="fee-source-cell" title={s.source.title ?? undefined}>
                {s.source.url ? (
                  <a href={s.source.url} target="_blank" rel="noreferrer noopener">
                    {s.source.kind}
                  </a>
                ) : (
                  `${s.source.kind}${s.source.title ? ` — ${s.source.title}` : ''}`
                )}
              </td>
              <td>
                {s.origin === 'imported' && (
                  <button type="button" className="danger" onClick={() => void remove(s.id)}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
          {stored?.rejectedStored.map((r) => (
            <tr key={`rejected-${r.id}`} className="warn">
              <td>{r.id}</td>
              <td colSpan={6}>stored import no longer valid, not used: {r.message}</td>
              <td>
                <button type="button" className="danger" onClick={() => void remove(r.id)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Import a schedule</h4>
      <p className="dim">
        Format <code>marketdesk.fee-schedules/1</code> (as in resources/fees): paste the JSON or pick a file. Errors name the field, e.g.{' '}
        <code>schedules[0].tiers[2].maker</code>; nothing is imported until the whole file is valid.
      </p>
      <div className="fee-import">
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setLabel(undefined);
          }}
          rows={5}
          spellCheck={false}
          placeholder='{ "format": "marketdesk.fee-schedules/1", "schedules": [ … ] }'
          aria-label="Fee schedule JSON"
          data-testid="fee-import-text"
        />
        <div className="fee-row">
          <input type="file" accept="application/json,.json" onChange={(e) => void pick(e.target.files?.[0])} data-testid="fee-import-file" />
          {label && <span className="dim">{label}</span>}
          <button type="button" disabled={busy || text.trim() === ''} onClick={() => void submit()} data-testid="fee-import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </div>
      {message?.kind === 'error' ? (
        <FeeError message={message.text} testId="fee-import-message" />
      ) : (
        message && (
          <div className="ok" role="status" data-testid="fee-import-message">
            {message.text}
          </div>
        )
      )}
    </section>
  );
}
