import { Dec, ZERO, fixed } from './decimal';
import type { AccountSpec, Balance, FeeRates } from './types';
import { REJECT } from './types';

interface Holding {
  free: Dec;
  locked: Dec;
}

interface Account {
  spec: AccountSpec;
  holdings: Map<string, Holding>;
}

/**
 * Balances of every account. Each movement is a transfer between holdings, so the sum of free +
 * locked over all accounts (market maker and fee collector included) never changes.
 */
export class Ledger {
  private readonly accounts = new Map<string, Account>();

  constructor(specs: AccountSpec[]) {
    for (const spec of specs) this.open(spec);
  }

  open(spec: AccountSpec): void {
    if (this.accounts.has(spec.id)) throw new Error(`account "${spec.id}" is opened twice`);
    const holdings = new Map<string, Holding>();
    for (const [asset, amount] of Object.entries(spec.balances)) holdings.set(asset, { free: new Dec(amount), locked: ZERO });
    this.accounts.set(spec.id, { spec, holdings });
  }

  has(id: string): boolean {
    return this.accounts.has(id);
  }

  spec(id: string): AccountSpec {
    return this.account(id).spec;
  }

  fees(id: string, defaults: FeeRates): FeeRates {
    return this.account(id).spec.fees ?? defaults;
  }

  private account(id: string): Account {
    const a = this.accounts.get(id);
    if (!a) throw new Error(`unknown account "${id}"`);
    return a;
  }

  private holding(id: string, asset: string): Holding {
    const holdings = this.account(id).holdings;
    let h = holdings.get(asset);
    if (!h) {
      h = { free: ZERO, locked: ZERO };
      holdings.set(asset, h);
    }
    return h;
  }

  free(id: string, asset: string): Dec {
    return this.holding(id, asset).free;
  }

  /** Moves `amount` from free to locked; an ordinary account must have it. */
  lock(id: string, asset: string, amount: Dec): void {
    const h = this.holding(id, asset);
    if (!this.account(id).spec.unlimited && h.free.lt(amount)) throw REJECT.insufficientBalance();
    h.free = h.free.sub(amount);
    h.locked = h.locked.add(amount);
  }

  unlock(id: string, asset: string, amount: Dec): void {
    const h = this.holding(id, asset);
    h.locked = h.locked.sub(amount);
    h.free = h.free.add(amount);
  }

  /** Takes `amount` out of `from`'s locked funds and credits it to `to`'s free funds. */
  transferLocked(from: string, to: string, asset: string, amount: Dec): void {
    const src = this.holding(from, asset);
    src.locked = src.locked.sub(amount);
    const dst = this.holding(to, asset);
    dst.free = dst.free.add(amount);
  }

  /** Moves free funds (fees to the collector). */
  transferFree(from: string, to: string, asset: string, amount: Dec): void {
    const src = this.holding(from, asset);
    src.free = src.free.sub(amount);
    const dst = this.holding(to, asset);
    dst.free = dst.free.add(amount);
  }

  balances(id: string, assets?: Iterable<string>): Balance[] {
    const holdings = this.account(id).holdings;
    const names = assets ? [...new Set(assets)] : [...holdings.keys()];
    return names.map((asset) => {
      const h = holdings.get(asset) ?? { free: ZERO, locked: ZERO };
      return { asset, free: fixed(h.free), locked: fixed(h.locked) };
    });
  }

  /** Exact total of an asset over every account: constant for the engine's whole life. */
  total(asset: string): Dec {
    let sum = ZERO;
    for (const a of this.accounts.values()) {
      const h = a.holdings.get(asset);
      if (h) sum = sum.add(h.free).add(h.locked);
    }
    return sum;
  }
}
