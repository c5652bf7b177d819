import type { MarketType } from '../../shared/domain/market';

/** One imported fee schedule as stored: the validated schedule object as JSON text. */
export interface StoredFeeSchedule {
  id: string;
  exchange: string;
  market: MarketType;
  /** Where the user imported it from (file name or "pasted"). */
  label: string;
  document: string;
  importedAt: number;
}

export interface FeeScheduleRepository {
  list(): StoredFeeSchedule[];
  /** Inserts or replaces every row in one transaction: all are stored or none. */
  putMany(rows: StoredFeeSchedule[]): void;
  delete(id: string): boolean;
}
