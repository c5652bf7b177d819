import type { DockviewApi } from 'dockview';
import { PANELS } from '../panels/registry';

/**
 * The saved-layout format version. Bump it when panel ids or the default arrangement change
 * incompatibly; an older saved layout then falls back to the default (with a notice) instead of
 * half-restoring.
 */
export const LAYOUT_VERSION = 1;

/** The arrangement a new user (or "Reset layout") gets. */
export function applyDefaultLayout(api: DockviewApi): void {
  api.clear();
  // Market panels first, so a new user (on the demo venue) lands on a live terminal; Settings is a tab.
  api.addPanel({ id: 'chart', component: 'chart', title: 'Chart' });
  api.addPanel({ id: 'watchlist', component: 'watchlist', title: 'Watchlist', position: { referencePanel: 'chart', direction: 'right' }, initialWidth: 340 });
  api.addPanel({ id: 'trades', component: 'trades', title: 'Trades', position: { referencePanel: 'watchlist', direction: 'below' } });
  api.addPanel({ id: 'connections', component: 'connections', title: 'Connections', position: { referencePanel: 'chart', direction: 'below' }, initialHeight: 180 });
  api.addPanel({ id: 'settings', component: 'settings', title: 'Settings', position: { referencePanel: 'connections', direction: 'within' } });
  // the book panels as tabs beside the tape and the chart; the tape and chart stay in front
  api.addPanel({ id: 'orderbook', component: 'orderbook', title: 'Order book', position: { referencePanel: 'trades', direction: 'within' } });
  api.addPanel({ id: 'depth', component: 'depth', title: 'Depth chart', position: { referencePanel: 'chart', direction: 'within' } });
  api.getPanel('trades')?.api.setActive();
  api.getPanel('connections')?.api.setActive();
  api.getPanel('chart')?.api.setActive();
}

export function openPanel(api: DockviewApi, id: string): void {
  const existing = api.getPanel(id);
  if (existing) {
    existing.api.setActive();
    return;
  }
  const def = PANELS.find((p) => p.id === id);
  if (!def) throw new Error(`unknown panel "${id}"`);
  api.addPanel({ id: def.id, component: def.id, title: def.title });
}

export type RestoreOutcome = { kind: 'restored' } | { kind: 'default'; notice?: string };

/** Restores a saved layout, or explains why the default was used instead. Never throws. */
export function restoreLayout(api: DockviewApi, saved: { version: number; data: unknown } | null): RestoreOutcome {
  if (!saved) {
    applyDefaultLayout(api);
    return { kind: 'default' };
  }
  if (saved.version !== LAYOUT_VERSION) {
    applyDefaultLayout(api);
    return { kind: 'default', notice: `Your saved layout is from an older version (format ${saved.version}); the default layout is shown. The saved copy was kept.` };
  }
  try {
    if (!isDockviewJson(saved.data)) throw new Error('not a dockview layout');
    const known = new Set(PANELS.map((p) => p.id));
    for (const panel of Object.values(saved.data.panels)) {
      const component = (panel as { contentComponent?: string }).contentComponent;
      if (!component || !known.has(component)) throw new Error(`unknown panel "${String(component)}"`);
    }
    api.fromJSON(saved.data as Parameters<DockviewApi['fromJSON']>[0]);
    if (api.panels.length === 0) throw new Error('the layout has no panels');
    return { kind: 'restored' };
  } catch (err) {
    applyDefaultLayout(api);
    return { kind: 'default', notice: `Your saved layout could not be restored (${err instanceof Error ? err.message : String(err)}); the default layout is shown. The saved copy was kept.` };
  }
}

function isDockviewJson(data: unknown): data is { grid: unknown; panels: Record<string, unknown> } {
  return typeof data === 'object' && data !== null && 'grid' in data && 'panels' in data && typeof (data as { panels: unknown }).panels === 'object';
}
