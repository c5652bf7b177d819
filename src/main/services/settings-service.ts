import { schemas, type Settings, type SettingsPatch } from '../../shared/contract';
import type { SettingsRepository } from '../ports/storage';

export const DEFAULT_SETTINGS: Settings = { theme: 'dark', activeLayout: 'default', confirmOrders: true };

/** User settings: stored values validated one by one, so one damaged value falls back alone. */
export class SettingsService {
  constructor(private readonly repo: SettingsRepository) {}

  get(): Settings {
    const stored = this.repo.getAll();
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    const shape = schemas.Settings.shape;
    for (const key of Object.keys(shape) as (keyof Settings)[]) {
      if (!(key in stored)) continue;
      const parsed = shape[key].safeParse(stored[key]);
      if (parsed.success) out[key] = parsed.data;
    }
    return out as Settings;
  }

  update(patch: SettingsPatch): Settings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.repo.setMany(defined);
    return this.get();
  }
}
