import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from '../../ports/logger';
import type { ContractServer } from '../contract-server';

/** The parts of Electron this transport uses, so the binding can be exercised without the binary. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'on'>;

/**
 * Binds the contract to Electron IPC. Every message is checked to come from a frame showing our
 * own app (Electron security checklist #17) before it reaches the contract server; every
 * subscription of a window ends when the window is destroyed, crashes or navigates.
 */
export function bindElectron(ipcMain: IpcMainLike, server: ContractServer, isTrustedUrl: (url: string) => boolean, log: Logger): void {
  const watched = new WeakSet<WebContents>();
  const sessionOf = (wc: WebContents) => `wc-${wc.id}`;

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const url = event.senderFrame?.url ?? '';
    if (isTrustedUrl(url)) return true;
    log.warn('ipc from an untrusted frame refused', { url: url.slice(0, 200) });
    return false;
  };

  const watch = (wc: WebContents) => {
    if (watched.has(wc)) return;
    watched.add(wc);
    const end = () => server.closeSession(sessionOf(wc));
    wc.once('destroyed', end);
    wc.on('render-process-gone', end);
    // A reload or navigation starts a new page whose listeners are gone.
    wc.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
      if (details?.isMainFrame && !details.isSameDocument) end();
    });
  };

  ipcMain.handle('md:req', async (event, channel: unknown, payload: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'the sender is not Marketdesk' } };
    return server.handle(channel, payload, { sessionId: sessionOf(event.sender), transport: 'electron' });
  });

  ipcMain.on('md:sub', (event, id: unknown, stream: unknown, params: unknown) => {
    if (!trusted(event) || typeof id !== 'string') return;
    const wc = event.sender;
    watch(wc);
    server.subscribe({ sessionId: sessionOf(wc), transport: 'electron' }, id, stream, params, {
      event: (subId, e) => {
        if (!wc.isDestroyed()) wc.send('md:ev', subId, e);
      },
      end: (subId, err) => {
        if (!wc.isDestroyed()) wc.send('md:end', subId, err);
      },
    });
  });

  ipcMain.on('md:unsub', (event, id: unknown) => {
    if (!trusted(event) || typeof id !== 'string') return;
    server.unsubscribe(sessionOf(event.sender), id);
  });
}
