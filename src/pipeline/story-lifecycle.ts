/**
 * The agency story lifecycle: kills and holds (canceled, withheld) as explicit events downstream. Version
 * ordering is in agency-version.ts; the publish step (publish-story.ts) applies it to new versions.
 */
import { StoryBusyError } from '../errors.js';
import { WIRE_ITEM_SCHEMA, type WireItem } from '../item/schema.js';
import { toPublishPayload } from '../publish/payload.js';
import type { AgencyVersion } from '../state/items.js';
import { tryLock } from '../state/lock.js';
import type { PublishContext } from './context.js';
import type { PublishOutcome } from './publish-story.js';
import { isNewerVersion, isStaleVersion } from './agency-version.js';

/** A kill or hold of one story: from the agency (a canceled or withheld version) or from an operator. */
export interface StatusChange {
  itemId: string;
  pubStatus: 'withheld' | 'canceled';
  /** The agency's editorial note, or the operator's reason. */
  note: string | null;
  /** The operator (wire withdraw), or null for the agency. */
  withdrawnBy: string | null;
  /** The agency version carrying the status, or null (an operator's withdrawal). */
  agency: AgencyVersion | null;
  now?: Date;
}

/**
 * The kill / withhold step. Under the story's lock, like the publish step:
 * - a story already published gets one explicit event: its last version again, as the next version, with
 *   `pubStatus` and the note, on every downstream queue (job id `<id>-v<version>`: exactly once per change);
 * - the same status again (a repeat of the kill) is `unchanged`; an agency version older than the one
 *   published is `stale`;
 * - a story never published publishes nothing: the kill is recorded (`recorded`), and a later version not
 *   newer than it never goes out (publish-story.ts).
 */
export async function changeStoryStatus(ctx: PublishContext, change: StatusChange): Promise<PublishOutcome> {
  const lockKey = ctx.keys.lock(`item-${change.itemId}`);
  const lock = await tryLock(ctx.redis, lockKey, ctx.config.wire.jobs.lockDuration);
  if (!lock) throw new StoryBusyError(change.itemId, Math.max(0, await ctx.redis.pttl(lockKey)));
  try {
    const state = await ctx.items.get(change.itemId);
    // A kill or hold during an embargo: the story is no longer waiting to go out (its job, when it fires, is
    // not newer than the kill and publishes nothing).
    await ctx.items.dropEmbargo(change.itemId);
    if (!state) {
      const hold = await ctx.items.getHold(change.itemId);
      if (hold && isStaleVersion(change.agency, hold.agency)) {
        return { outcome: 'stale', version: 0, publishJobId: '', currentAgencyVersion: hold.agency?.version ?? null };
      }
      await ctx.items.putHold(change.itemId, {
        pubStatus: change.pubStatus,
        note: change.note,
        agency: change.agency,
        at: (change.now ?? new Date()).toISOString(),
      });
      return { outcome: 'recorded', version: 0, publishJobId: '' };
    }
    if (isStaleVersion(change.agency, state.agency)) {
      return {
        outcome: 'stale',
        version: state.version,
        publishJobId: ctx.queues.publishJobId(change.itemId, state.version),
        currentAgencyVersion: state.agency?.version ?? null,
      };
    }
    const agency =
      change.agency && isNewerVersion(change.agency, state.agency) ? change.agency : (state.agency ?? null);
    if ((state.item.pubStatus ?? 'usable') === change.pubStatus) {
      if (agency !== state.agency) await ctx.items.put(state.item, agency);
      return {
        outcome: 'unchanged',
        version: state.version,
        publishJobId: ctx.queues.publishJobId(change.itemId, state.version),
      };
    }
    const version = state.version + 1;
    const previous: WireItem['lifecycle'] = {
      agencyId: null,
      agencyVersion: null,
      note: null,
      withdrawnBy: null,
      urgency: null,
      correction: false,
      update: false,
      credit: null,
      copyright: null,
      usageTerms: null,
      images: [],
      // An item recorded before item@2 has no lifecycle: the defaults above stand.
      ...(state.item.lifecycle as Partial<WireItem['lifecycle']> | undefined),
    };
    const item: WireItem = {
      ...state.item,
      schema: WIRE_ITEM_SCHEMA,
      version,
      pubStatus: change.pubStatus,
      lifecycle: {
        ...previous,
        agencyVersion: change.agency?.version ?? previous.agencyVersion,
        note: change.note,
        withdrawnBy: change.withdrawnBy,
        correction: false,
        update: false,
      },
    };
    const jobId = ctx.queues.publishJobId(item.id, version);
    await ctx.queues.addPublish(jobId, toPublishPayload(item, ctx.config.wire.publish));
    await ctx.items.put(item, agency);
    return { outcome: 'published', version, publishJobId: jobId };
  } finally {
    await lock.release();
  }
}
