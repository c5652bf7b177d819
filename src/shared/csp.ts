/**
 * The renderer's Content-Security-Policy, the same for the desktop window and serve mode except for
 * where it may connect: our own scripts only, no eval, no plugins, no framing. Inline styles are
 * allowed because the docking and chart libraries position elements with them.
 */
export function rendererCsp(connectSrc: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
