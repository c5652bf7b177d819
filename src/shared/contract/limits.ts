/**
 * Limits both sides need, kept free of zod so the renderer can import them without bundling the
 * schemas.
 */

/**
 * Serve mode's WebSocket accepts inbound messages up to 1 MiB; an import travels as one message,
 * so the text is capped below that (a year of 1h bars is about 0.7 MB). Larger files: the CLI.
 */
export const MAX_IMPORT_CHARS = 1_000_000;
