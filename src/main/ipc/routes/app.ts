import type { appRequests, appStreams } from '../../../shared/contract/channels/app';
import { APP_VERSION } from '../../../shared/version';
import type { LayoutService } from '../../services/layout-service';
import type { SettingsService } from '../../services/settings-service';
import type { StatusService } from '../../services/status-service';
import type { RequestHandlers, StreamHandlers } from '../handlers';

export interface AppRouteDeps {
  mode: 'electron' | 'serve';
  dataDir: string;
  schemaVersion: () => number;
  settings: SettingsService;
  layouts: LayoutService;
  status: StatusService;
  statusIntervalMs?: number;
}

export function appRoutes(d: AppRouteDeps): Pick<RequestHandlers, keyof typeof appRequests> {
  return {
    'app.info': () => ({ name: 'Marketdesk', version: APP_VERSION, mode: d.mode, dataDir: d.dataDir, schemaVersion: d.schemaVersion() }),
    'settings.get': () => d.settings.get(),
    'settings.update': (patch) => d.settings.update(patch),
    'layouts.list': () => d.layouts.list(),
    'layouts.load': ({ name }) => d.layouts.load(name),
    'layouts.save': (layout) => d.layouts.save(layout),
    'layouts.delete': ({ name }) => d.layouts.delete(name),
  };
}

export function appStreamRoutes(d: AppRouteDeps): Pick<StreamHandlers, keyof typeof appStreams> {
  return {
    'app.status': (_params, emit) => d.status.watch(emit, d.statusIntervalMs),
  };
}
