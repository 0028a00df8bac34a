/**
 * The default aspects of S&OP feedback, as terms (matched on normalised words, singular or plural) and
 * `#Money` (amounts of money, matched natively).
 *
 * - `delivery`: shipping, couriers, parcels, tracking, arrival, lead time.
 * - `availability`: stock, backorders, sold out, inventory, supply.
 * - `price`: price, cost, fees, charges, discounts, value for money, amounts of money (`#Money`).
 * - `quality`: quality, defects, durability, build and materials.
 * - `service`: customer service, support, staff, agents, responses, refunds and returns handling.
 * - `product`: the product or item itself, its model, size, fit, design, features and packaging.
 */
export const DEFAULT_ASPECTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  delivery: Object.freeze([
    'delivery', 'deliveries', 'delivered', 'deliver', 'shipping', 'shipment', 'shipped', 'ship', 'courier',
    'carrier', 'parcel', 'package', 'tracking', 'dispatch', 'dispatched', 'arrival', 'arrived', 'eta', 'freight',
    'logistics', 'lead time', 'transit', 'postage', 'mail',
  ]),
  availability: Object.freeze([
    'stock', 'availability', 'available', 'unavailable', 'backorder', 'backordered', 'sold out', 'inventory',
    'supply', 'shortage', 'restock', 'restocked', 'allocation',
  ]),
  price: Object.freeze([
    'price', 'pricing', 'cost', 'expensive', 'cheap', 'overpriced', 'value', 'fee', 'charge', 'charged',
    'discount', 'invoice', 'bill', 'billing', 'refund', '#Money',
  ]),
  quality: Object.freeze([
    'quality', 'defect', 'defective', 'broken', 'durable', 'durability', 'build', 'material', 'damaged',
    'faulty', 'sturdy', 'flimsy', 'finish',
  ]),
  service: Object.freeze([
    'service', 'customer service', 'support', 'staff', 'agent', 'representative', 'rep', 'help desk',
    'helpdesk', 'call center', 'call centre', 'response', 'manager', 'team', 'waiter', 'waitress', 'employee',
    'return', 'returns', 'account manager', 'sales rep', 'communication',
  ]),
  product: Object.freeze([
    'product', 'item', 'model', 'size', 'fit', 'design', 'feature', 'packaging', 'order', 'device', 'unit',
    'food', 'menu',
  ]),
});
