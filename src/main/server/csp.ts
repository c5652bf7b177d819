import { rendererCsp } from '../../shared/csp';

/** In serve mode the page talks to main over a WebSocket on its own origin. */
export function serveCsp(origin: string): string {
  return rendererCsp(`'self' ${origin.replace(/^http/, 'ws')}`);
}
