import type { WireItem } from '../item/schema.js';
import type { DropRecord, HeldItem } from '../state/editorial.js';
import type { Logging, PublishContext } from './context.js';
import { publishStory, type PublishOutcome } from './publish-story.js';

/** What an editor's decision on a held item reads. */
export interface HeldContext extends PublishContext, Logging {
  editorial: {
    getHeld(itemId: string): Promise<HeldItem | null>;
    unhold(itemId: string): Promise<boolean>;
    recordDrop(record: DropRecord): Promise<void>;
  };
}

/**
 * An editor releases a held item: it is published as held (its route and tags kept), with
 * `editorial.released` saying when and from which hold rule. Published first, then taken off hold: a
 * crash in between leaves it held, and releasing it again finds the version already published
 * (`unchanged`), so it is never published twice nor lost. Null when the item is not held.
 */
export async function releaseHeld(ctx: HeldContext, itemId: string, now = new Date()): Promise<PublishOutcome | null> {
  const held = await ctx.editorial.getHeld(itemId);
  if (!held) return null;
  const item: WireItem = {
    ...held.item,
    editorial: { ...(held.item.editorial ?? { rules: [] }), released: { at: now.toISOString(), rule: held.rule } },
  };
  const published = await publishStory(ctx, item);
  await ctx.editorial.unhold(itemId);
  ctx.log.warn(
    { itemId, sourceId: item.source.id, rule: held.rule, version: published.version },
    'held item released by an editor',
  );
  return published;
}

/** An editor drops a held item: recorded as a drop by the editor (with the hold rule). False when not held. */
export async function dropHeld(ctx: HeldContext, itemId: string, now = new Date()): Promise<boolean> {
  const held = await ctx.editorial.getHeld(itemId);
  if (!held || !(await ctx.editorial.unhold(itemId))) return false;
  await ctx.editorial.recordDrop({
    rule: held.rule,
    scope: held.scope,
    matched: held.matched,
    reason: held.reason,
    itemId,
    sourceId: held.item.source.id,
    headline: held.item.headline,
    url: held.item.source.url,
    at: now.toISOString(),
    byEditor: true,
  });
  ctx.log.warn({ itemId, sourceId: held.item.source.id, rule: held.rule }, 'held item dropped by an editor');
  return true;
}
