import type { MarketType } from '../../../shared/domain/market';
import type { FeeScheduleRepository, StoredFeeSchedule } from '../../ports/fee-schedules';
import type { Db } from './database';

interface Row {
  id: string;
  exchange: string;
  market: string;
  label: string;
  document: string;
  imported_at: number;
}

export class SqliteFeeSchedules implements FeeScheduleRepository {
  constructor(private readonly db: Db) {}

  list(): StoredFeeSchedule[] {
    const rows = this.db.prepare('SELECT id, exchange, market, label, document, imported_at FROM fee_schedules ORDER BY imported_at, id').all() as Row[];
    // The market column is only read back for display; the document is re-validated on load.
    return rows.map((r) => ({ id: r.id, exchange: r.exchange, market: r.market as MarketType, label: r.label, document: r.document, importedAt: r.imported_at }));
  }

  putMany(rows: StoredFeeSchedule[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO fee_schedules (id, exchange, market, label, document, imported_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET exchange = excluded.exchange, market = excluded.market, label = excluded.label, document = excluded.document, imported_at = excluded.imported_at`,
    );
    this.db.transaction(() => {
      for (const r of rows) stmt.run(r.id, r.exchange, r.market, r.label, r.document, r.importedAt);
    })();
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM fee_schedules WHERE id = ?').run(id).changes > 0;
  }
}
