import type { ConnectionRef } from '../../../../shared/contract/channels/market';

/** Says plainly when the data comes from the local demo venue, not a real exchange. */
export function DemoBadge({ connection }: { connection: ConnectionRef | null }) {
  if (!connection?.demo) return null;
  return (
    <span className="demo-badge" data-testid="demo-badge" title="Data from the local demo venue replaying real 2021 Binance prices; no real exchange, no real money">
      DEMO
    </span>
  );
}

export function ConnectionLabel({ connection }: { connection: ConnectionRef | null }) {
  if (!connection) return <span className="hint">no connection</span>;
  return (
    <span className="conn-label">
      {connection.exchangeId}
      {connection.account ? ` · ${connection.account}` : ''}
      <DemoBadge connection={connection} />
    </span>
  );
}
