import { profileFor } from './rules';

/**
 * Turns an exchange market id (plus the channel's instrument type where the exchange sends one)
 * into a unified symbol, or undefined when it cannot. The live adapter passes one built from ccxt's
 * loaded markets; the default below works from the id alone so recordings replay without a network.
 */
export type SymbolResolver = (marketId: string, instType?: string) => string | undefined;

// Longest first, so `FDUSD` wins over `USD` and `BUSD` over `USD`.
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USDP', 'DAI', 'EUR', 'TRY', 'BRL', 'GBP', 'BTC', 'ETH', 'BNB', 'USD'];
const STABLE_SETTLE = new Set(['USDT', 'USDC', 'BUSD', 'FDUSD']);

function splitConcatenated(id: string): [string, string] | undefined {
  for (const quote of QUOTES) {
    if (id.length > quote.length && id.endsWith(quote)) return [id.slice(0, -quote.length), quote];
  }
  return undefined;
}

function contract(base: string, quote: string, expiry?: string): string {
  const settle = STABLE_SETTLE.has(quote) ? quote : base;
  return `${base}/${quote}:${settle}${expiry ? `-${expiry}` : ''}`;
}

function resolveConcatenated(id: string, style: 'spot' | 'linear' | 'inverse' | 'derivative'): string | undefined {
  const [core, suffix] = id.toUpperCase().split('_', 2) as [string, string | undefined];
  const pair = splitConcatenated(core);
  if (!pair) return undefined;
  const [base, quote] = pair;
  if (style === 'spot') return suffix === undefined ? `${base}/${quote}` : undefined;
  const expiry = suffix === undefined || suffix === 'PERP' ? undefined : /^\d{6}$/.test(suffix) ? suffix : null;
  if (expiry === null) return undefined;
  return contract(base, quote, expiry);
}

function resolveOkx(id: string): string | undefined {
  const parts = id.toUpperCase().split('-');
  if (parts.length === 2) return `${parts[0]}/${parts[1]}`;
  if (parts.length === 3 && parts[2] === 'SWAP') return contract(parts[0]!, parts[1]!);
  if (parts.length === 3 && /^\d{6}$/.test(parts[2]!)) return contract(parts[0]!, parts[1]!, parts[2]);
  return undefined;
}

/** Bitget v1 names spot `sp` and futures `mc`; v2 names them `SPOT` and `*-FUTURES`. */
function bitgetStyle(instType: string | undefined): 'spot' | 'derivative' {
  if (instType === undefined) return 'spot';
  const t = instType.toUpperCase();
  return t === 'SP' || t === 'SPOT' ? 'spot' : 'derivative';
}

export function defaultSymbolResolver(exchange: string): SymbolResolver {
  const profile = profileFor(exchange);
  switch (profile.family) {
    case 'okx':
      return (id) => resolveOkx(id);
    case 'bitget':
      return (id, instType) => resolveConcatenated(id.replace(/_(SPBL|UMCBL|DMCBL|CMCBL)$/i, ''), bitgetStyle(instType));
    case 'bybit':
      // Bybit's 500-level book streams exist for derivatives; the live adapter resolves spot ids from its markets.
      return (id) => resolveConcatenated(id, 'derivative');
    default:
      return (id) => resolveConcatenated(id, profile.contracts === 'spot' ? 'spot' : 'derivative');
  }
}
