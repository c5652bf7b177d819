import { AppError, type LayoutSave, type LayoutSummary, type SavedLayout } from '../../shared/contract';
import type { LayoutRepository } from '../ports/storage';

/** A saved layout is UI state, but it is still bounded: a runaway layout must not bloat the DB. */
export const MAX_LAYOUT_BYTES = 256 * 1024;

export class LayoutService {
  constructor(
    private readonly repo: LayoutRepository,
    private readonly now: () => number = Date.now,
  ) {}

  list(): LayoutSummary[] {
    return this.repo.list();
  }

  load(name: string): SavedLayout | null {
    return this.repo.get(name);
  }

  save(layout: LayoutSave): LayoutSummary {
    const size = JSON.stringify(layout.data ?? null).length;
    if (size > MAX_LAYOUT_BYTES) throw new AppError('VALIDATION', `layouts.save: data: the layout is ${size} bytes, over the ${MAX_LAYOUT_BYTES} byte limit`);
    return this.repo.put(layout.name, layout.version, layout.data, this.now());
  }

  delete(name: string): { deleted: boolean } {
    return { deleted: this.repo.delete(name) };
  }
}
