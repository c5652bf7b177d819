import { useCallback, useEffect, useRef, useState } from 'react';
import { DockviewReact, themeDark, type DockviewApi, type DockviewReadyEvent } from 'dockview';
import { useClient } from '../api/context';
import { PANEL_COMPONENTS } from '../panels/registry';
import { applyDefaultLayout, LAYOUT_VERSION, restoreLayout } from './layout';
import { MenuBar } from './MenuBar';

const SAVE_DEBOUNCE_MS = 400;

/**
 * The dockable workspace. The layout is saved (debounced) under the active layout name whenever it
 * changes, and restored on start; a saved layout that cannot be restored leaves the default in
 * place with a notice, and the saved copy untouched until the user changes the layout.
 */
export function Workspace({ layoutName, onNotice }: { layoutName: string; onNotice: (text: string) => void }) {
  const client = useClient();
  const [api, setApi] = useState<DockviewApi | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const restoring = useRef(true);

  const onReady = useCallback((event: DockviewReadyEvent) => setApi(event.api), []);

  useEffect(() => {
    if (!api) return;
    let cancelled = false;
    restoring.current = true;
    client
      .call('layouts.load', { name: layoutName })
      .then((saved) => {
        if (cancelled) return;
        const outcome = restoreLayout(api, saved);
        if (outcome.kind === 'default' && outcome.notice) onNotice(outcome.notice);
      })
      .catch((err: unknown) => {
        applyDefaultLayout(api);
        onNotice(`Saved layouts could not be read: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        // Let the layout events caused by restoring settle before saving again.
        setTimeout(() => (restoring.current = false), 0);
      });
    const sub = api.onDidLayoutChange(() => {
      if (restoring.current) return;
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        client.call('layouts.save', { name: layoutName, version: LAYOUT_VERSION, data: api.toJSON() }).catch((err: unknown) => {
          onNotice(`The layout could not be saved: ${err instanceof Error ? err.message : String(err)}`);
        });
      }, SAVE_DEBOUNCE_MS);
    });
    return () => {
      cancelled = true;
      sub.dispose();
    };
  }, [api, client, layoutName, onNotice]);

  return (
    <div className="workspace">
      <MenuBar api={api} layoutName={layoutName} onNotice={onNotice} />
      <div className="dock-host" data-testid="dock-host">
        <DockviewReact components={PANEL_COMPONENTS} onReady={onReady} theme={themeDark} />
      </div>
    </div>
  );
}
