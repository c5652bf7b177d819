import { useCallback, useEffect, useState } from 'react';
import { useClient } from '../api/context';
import { StatusBar } from '../components/StatusBar';
import { Workspace } from '../workspace/Workspace';

export function App() {
  const client = useClient();
  const [layoutName, setLayoutName] = useState<string | null>(null);
  const [notices, setNotices] = useState<{ id: number; text: string }[]>([]);

  const notify = useCallback((text: string) => setNotices((n) => [...n.slice(-3), { id: Date.now() + Math.random(), text }]), []);

  useEffect(() => {
    client
      .call('settings.get', {})
      .then((s) => setLayoutName(s.activeLayout))
      .catch((err: unknown) => {
        notify(`Settings could not be read: ${err instanceof Error ? err.message : String(err)}`);
        setLayoutName('default');
      });
  }, [client, notify]);

  return (
    <div className="app">
      {notices.length > 0 && (
        <div className="notices">
          {notices.map((n) => (
            <div key={n.id} className="notice" role="status" data-testid="notice">
              <span>{n.text}</span>
              <button type="button" aria-label="Dismiss" onClick={() => setNotices((all) => all.filter((x) => x.id !== n.id))}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {layoutName && <Workspace layoutName={layoutName} onNotice={notify} />}
      <StatusBar />
    </div>
  );
}
