/**
 * Each vendor's part of a cart holds its stock in catalog under its own id, so each vendor order is
 * allocated, shipped or cancelled on its own (catalog settles a cart id's allocation at once). Keys
 * name the cart version, so a retry is a replay and a changed cart is a new operation.
 */
export function stockCartId(cartId: string, vendorId: string): string {
  return `${cartId}:${vendorId}`;
}

export function stockKeyOf(cartId: string, vendorId: string, version: string): string {
  return `${cartId}:${vendorId}:${version}`;
}

/** The version part of stock keys, kept on the order (`orders.stock_key`). */
export function stockVersion(cartVersion: number): string {
  return `v${cartVersion}`;
}
