import { useEffect, useRef, useState } from 'react';
import type { DockviewApi } from 'dockview';
import { useClient } from '../api/context';
import { PANELS } from '../panels/registry';
import { applyDefaultLayout, LAYOUT_VERSION, openPanel } from './layout';

/** The top bar: open any panel, float the active one, reset the layout. */
export function MenuBar({ api, layoutName, onNotice }: { api: DockviewApi | null; layoutName: string; onNotice: (t: string) => void }) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const reset = async () => {
    if (!api) return;
    applyDefaultLayout(api);
    try {
      await client.call('layouts.save', { name: layoutName, version: LAYOUT_VERSION, data: api.toJSON() });
      onNotice('The default layout was restored.');
    } catch (err) {
      onNotice(`The layout could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const floatActive = () => {
    const panel = api?.activePanel;
    if (api && panel) api.addFloatingGroup(panel, { position: { top: 80, left: 80 }, width: 560, height: 420 });
  };

  return (
    <header className="menubar">
      <span className="brand">Marketdesk</span>
      <div className="menu" ref={menuRef}>
        <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Panels ▾
        </button>
        {open && (
          <ul role="menu" className="menu-list">
            {PANELS.map((p) => (
              <li key={p.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    if (api) openPanel(api, p.id);
                    setOpen(false);
                  }}
                >
                  {p.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" onClick={floatActive} disabled={!api} title="Float the active panel in its own window-like group">
        Float panel
      </button>
      <button type="button" onClick={() => void reset()} disabled={!api}>
        Reset layout
      </button>
    </header>
  );
}
