import type { WireItem } from '../item/schema.js';
import { toNinjs, type NinjsDocument } from '../ninjs/index.js';

/**
 * The data of a publish job (and the body of a webhook POST): the WireItem itself, with the ninjs form
 * under `ninjs` when the deployment sets `publish.ninjs`.
 *
 * Why beside and not instead: consumers written against the WireItem keep working unchanged, and the
 * ninjs object stays pure ninjs (its root allows no unknown properties, so our fields cannot go inside).
 * `ninjs` is an optional field of the WireItem schema, so validators accept the payload either way.
 */
export type PublishPayload = Omit<WireItem, 'ninjs'> & { ninjs?: NinjsDocument };

export function toPublishPayload(item: WireItem, opts: { ninjs: boolean }): PublishPayload {
  const { ninjs: _stale, ...rest } = item;
  return opts.ninjs ? { ...rest, ninjs: toNinjs(item) } : rest;
}
