import { useState } from 'react';
import type { TierLadder as Ladder } from '../../../../shared/contract/fee-schemas';
import { type FeeContext } from './context';
import { FeeError, ScheduleBadge } from './ScheduleBadge';
import { TierChart } from './TierChart';
import { isDecimalText, pct } from './format';
import { useFeeCall } from './useFeeCall';

function requirementText(r: Ladder['tiers'][number]['requirements'][number]): string {
  const value = r.threshold ? `${r.threshold.op} ${r.threshold.value}${r.unit ? ` ${r.unit}` : ''}` : 'not published';
  return `${r.label} ${value}`;
}

/** The VIP ladder of the selected schedule, where a 30-day volume lands on it, and what the next tier needs. */
export function TierLadder({ ctx, ladder, onPickTier }: { ctx: FeeContext; ladder: Ladder | null; onPickTier: (tier: string) => void }) {
  const [volume, setVolume] = useState('');
  const [balance, setBalance] = useState('');
  const volumeOk = isDecimalText(volume);
  const balanceOk = balance === '' || isDecimalText(balance);
  const { value: pos, error } = useFeeCall(
    'fees.tierForVolume',
    ladder && volumeOk && balanceOk
      ? { exchange: ctx.exchange, market: ctx.market, volume30d: volume, ...(balance ? { balance } : {}), ...(ctx.at ? { at: ctx.at } : {}) }
      : null,
  );
  const balanceReq = ladder?.tiers.flatMap((t) => t.requirements).find((r) => r.role === 'balance');
  const current = ctx.tier || ladder?.tiers[0]?.name || null;
  return (
    <section className="fee-card fee-wide" aria-label="Tier ladder">
      <h3>
        Tier ladder <span className="dim">{ladder ? `${ladder.exchange} ${ladder.market}${ladder.combine ? ` · criteria combine: ${ladder.combine}` : ''}` : ''}</span>
      </h3>
      {!ladder && <p className="dim">No schedule for this market.</p>}
      {ladder && (
        <>
          <div className="fee-row">
            <label>
              30-day volume
              <input value={volume} onChange={(e) => setVolume(e.target.value)} inputMode="decimal" size={14} placeholder="e.g. 2000000" data-testid="fee-volume" />
            </label>
            {balanceReq && (
              <label>
                {balanceReq.label}
                <input value={balance} onChange={(e) => setBalance(e.target.value)} inputMode="decimal" size={8} />
              </label>
            )}
            {pos && (
              <div className="fee-position" data-testid="fee-tier-position">
                reaches <b>{pos.tier ?? 'unknown'}</b>
                {!pos.certain && <span className="warn"> (uncertain)</span>}
                {pos.nextTier && (
                  <>
                    {' · next: '}
                    <b>{pos.nextTier.name}</b>{' '}
                    {pos.nextTier.volumeShortfall !== null ? (
                      <span data-testid="fee-next-shortfall">
                        needs {pos.nextTier.volumeShortfall} {pos.nextTier.unit ?? ''} more volume
                      </span>
                    ) : (
                      <span className="warn">volume needed not published</span>
                    )}
                  </>
                )}
                {pos.tier && pos.tier !== ctx.tier && (
                  <button type="button" className="link" onClick={() => onPickTier(pos.tier!)}>
                    price at {pos.tier}
                  </button>
                )}
                {pos.note && <div className="dim">{pos.note}</div>}
                {pos.assumedMet.length > 0 && <div className="dim">assumed met: {pos.assumedMet.join('; ')}</div>}
              </div>
            )}
          </div>
          <FeeError message={error} />
          <TierChart ladder={ladder} current={current} />
          <table className="table fee-table" data-testid="fee-ladder">
            <thead>
              <tr>
                <th>tier</th>
                <th className="num">maker</th>
                <th className="num">taker</th>
                {ladder.token && <th className="num">{ladder.token} maker / taker</th>}
                <th>to reach this tier</th>
              </tr>
            </thead>
            <tbody>
              {ladder.tiers.map((t, i) => (
                <tr key={t.name} className={t.name === current ? 'current' : ''} onClick={() => onPickTier(i === 0 ? '' : t.name)} title={t.note ?? undefined}>
                  <td>{t.name}</td>
                  <td className="num">{pct(t.maker)}</td>
                  <td className="num">{pct(t.taker)}</td>
                  {ladder.token && <td className="num">{t.tokenMaker && t.tokenTaker ? `${pct(t.tokenMaker)} / ${pct(t.tokenTaker)}` : 'unknown'}</td>}
                  <td className="dim">{i === 0 ? 'entry tier' : t.requirements.length ? t.requirements.map(requirementText).join(ladder.combine === 'any' ? ' or ' : ladder.combine === 'all' ? ' and ' : ' · ') : 'not published'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ladder.qualificationNote && <p className="dim">{ladder.qualificationNote}</p>}
          <ScheduleBadge schedule={ladder.schedule} testId="fee-ladder-schedule" />
        </>
      )}
    </section>
  );
}
