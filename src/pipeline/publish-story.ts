import { StoryBusyError } from '../errors.js';
import type { WireItem } from '../item/schema.js';
import { tryLock } from '../state/lock.js';
import { isSameVersion } from '../state/items.js';
import { toPublishPayload } from '../publish/payload.js';
import type { PublishContext, StoryOutcome } from './context.js';
import { compareAgencyVersions, isNewerVersion, isStaleVersion, type AgencyVersion } from './agency-version.js';

export interface PublishOutcome {
  outcome: StoryOutcome;
  version: number;
  publishJobId: string;
  /** For a stale agency version: the agency version already published, which it did not replace. */
  currentAgencyVersion?: string | null;
}

/**
 * The publish step: puts a story version on the downstream queues exactly once.
 *
 * The job is added before the story's state is recorded: a crash between the two makes the retry compute
 * the same version, hence the same job id, and BullMQ ignores the second add while the first job exists
 * (completed publish jobs are kept for `retention.published`). Recording first would instead make the retry
 * believe the version was published and lose it. A short per-story lock keeps two versions of one story
 * being handled at once from claiming the same number.
 */
export async function publishStory(
  ctx: PublishContext,
  built: WireItem,
  agency: AgencyVersion | null = null,
): Promise<PublishOutcome> {
  const lockKey = ctx.keys.lock(`item-${built.id}`);
  // Held for a few Redis round trips; the expiry only matters when its holder died mid-publish, and then the
  // story waits this long (its job put back, no attempt used): jobs.lockDuration, the time the README gives
  // for a dead worker's jobs to come back, so the story is free again when its job is.
  const lock = await tryLock(ctx.redis, lockKey, ctx.config.wire.jobs.lockDuration);
  if (!lock) throw new StoryBusyError(built.id, Math.max(0, await ctx.redis.pttl(lockKey)));
  try {
    const state = await ctx.items.get(built.id);
    // An agency version not newer than the one already published is ignored: delivered late or twice, it
    // must never replace a newer one (v3 then v2 ends with v3).
    if (state && isStaleVersion(agency, state.agency)) {
      return {
        outcome: 'stale',
        version: state.version,
        publishJobId: ctx.queues.publishJobId(built.id, state.version),
        currentAgencyVersion: state.agency?.version ?? null,
      };
    }
    // Superseded: a newer version of the story was queued since (this one waited for its embargo, or was
    // delivered late); that newer version decides, with its own embargo.
    const latest = agency ? await ctx.items.latestQueued(built.id) : null;
    if (agency && latest && compareAgencyVersions(latest.agency, agency) === 1) {
      return {
        outcome: 'stale',
        version: state?.version ?? 0,
        publishJobId: state ? ctx.queues.publishJobId(built.id, state.version) : '',
        currentAgencyVersion: latest.agency.version,
      };
    }
    // Killed or withheld before anything was published: a version not newer than the kill never goes out.
    if (!state) {
      const hold = await ctx.items.getHold(built.id);
      if (hold && (hold.agency ? isStaleVersion(agency, hold.agency) || !agency : true)) {
        return { outcome: 'stale', version: 0, publishJobId: '', currentAgencyVersion: hold.agency?.version ?? null };
      }
    }
    if (state && isSameVersion(state, built)) {
      // Same content under a newer agency version: nothing to publish, but an older version arriving later
      // must still be recognised as older.
      if (isNewerVersion(agency, state.agency)) await ctx.items.put(state.item, agency);
      return {
        outcome: 'unchanged',
        version: state.version,
        publishJobId: ctx.queues.publishJobId(built.id, state.version),
      };
    }
    const version = (state?.version ?? 0) + 1;
    const item: WireItem = { ...built, version };
    const jobId = ctx.queues.publishJobId(item.id, version);
    const payload = toPublishPayload(item, ctx.config.wire.publish);
    // Every downstream queue gets the job under the same id; after a crash the retry re-adds to all,
    // and the queues that already have it ignore the add.
    await ctx.queues.addPublish(jobId, payload, item.editorial?.queues);
    await ctx.items.put(item, agency);
    return { outcome: 'published', version, publishJobId: jobId };
  } finally {
    await lock.release();
  }
}
