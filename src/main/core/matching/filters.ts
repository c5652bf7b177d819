import { Dec, isMultipleOf, parseDecimal } from './decimal';
import type { OrderRequest, SymbolSpec } from './types';
import { OrderRejected, REJECT } from './types';

/** A request whose numbers have been parsed and checked against the symbol's filters. */
export interface CheckedRequest {
  price: Dec | null;
  quantity: Dec | null;
  quoteOrderQty: Dec | null;
}

function parseParam(name: string, raw: string | undefined): Dec | null {
  if (raw === undefined || raw === '') return null;
  const d = parseDecimal(raw);
  if (d === null) throw REJECT.illegalChars(name);
  return d;
}

/**
 * Checks an order against Binance's parameter rules and the PRICE_FILTER, LOT_SIZE and NOTIONAL
 * filters, in the order Binance reports them, so a client sees the same error it would see live.
 */
export function checkOrderRequest(req: OrderRequest, spec: SymbolSpec): CheckedRequest {
  const price = parseParam('price', req.price);
  const quantity = parseParam('quantity', req.quantity);
  const quoteOrderQty = parseParam('quoteOrderQty', req.quoteOrderQty);

  if (req.type === 'LIMIT' || req.type === 'LIMIT_MAKER') {
    if (price === null) throw REJECT.mandatory('price');
    if (quantity === null) throw REJECT.mandatory('quantity');
    if (quoteOrderQty !== null) throw REJECT.notRequired('quoteOrderQty');
  } else {
    if (price !== null) throw REJECT.notRequired('price');
    if (quantity === null && quoteOrderQty === null) throw new OrderRejected(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
    if (quantity !== null && quoteOrderQty !== null) throw REJECT.notRequired('quoteOrderQty');
  }

  if (price !== null) {
    if (price.lt(spec.minPrice) || price.gt(spec.maxPrice) || !isMultipleOf(price, spec.tickSize)) throw REJECT.filter('PRICE_FILTER');
  }
  if (quantity !== null) {
    if (quantity.isZero()) throw REJECT.quantityZero();
    if (quantity.lt(spec.minQty) || quantity.gt(spec.maxQty) || !isMultipleOf(quantity, spec.stepSize)) throw REJECT.filter('LOT_SIZE');
  }
  if (quoteOrderQty !== null && quoteOrderQty.lt(spec.minNotional)) throw REJECT.filter('NOTIONAL');
  if (price !== null && quantity !== null && price.mul(quantity).lt(spec.minNotional)) throw REJECT.filter('NOTIONAL');
  return { price, quantity, quoteOrderQty };
}
