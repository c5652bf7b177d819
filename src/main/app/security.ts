import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl } from './protocol';

/**
 * Electron's security checklist, applied to every web contents the app ever creates: no
 * navigation away from our pages, no new windows (http(s) links open in the user's browser), no
 * <webview>, and no permission grants (camera, notifications, …).
 */
export function applySecurityGuards(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
}
