import { setTimeout as sleep } from 'node:timers/promises';
import type { DedupeOptions } from '../config/schema.js';
import { textSignature } from '../dedupe/minhash.js';
import type { DedupeKey } from '../dedupe/match.js';
import { decide, type DedupeDecision, type DedupePolicy } from '../dedupe/policy.js';
import { StoryBusyError } from '../errors.js';
import type { FeedItem } from '../feed/types.js';
import type { WireItem } from '../item/schema.js';
import { tryLock, type Lock } from '../state/lock.js';
import type { DuplicateRecord, GroupMemberRecord, StoryGroupRecord } from '../state/dedupe.js';
import type { StoryGroupContext } from './context.js';
import type { PublishOutcome } from './publish-story.js';

/**
 * The lookup + add lock: one key for the deployment, held for a lookup and an add (three round trips), so two
 * copies of one story handled at once cannot both open a group. Its expiry only matters when its holder dies.
 */
export const LOOKUP_LOCK_MS = 5_000;
/** Longest a job waits for the lookup lock or its group's lock before going back to the queue (no attempt used). */
export const GROUP_WAIT_MS = 10_000;

/** The agency's id of the story for grouping: a URI or URN is global; another id only means something within its source. */
export function agencyGroupId(
  sourceId: string,
  entry: Pick<FeedItem, 'agency'> | null | undefined,
): string | undefined {
  const agency = entry?.agency;
  if (!agency?.id) return undefined;
  return /^[a-z][a-z0-9+.-]*:/i.test(agency.id) ? `uri:${agency.id}` : `${sourceId}:${agency.format}:${agency.id}`;
}

/** What grouping compares for an item: its body's signature, headline, canonical URL and agency id. */
export function dedupeKey(item: WireItem, entry?: Pick<FeedItem, 'agency'> | null): DedupeKey {
  return {
    ...textSignature(item.body.text),
    headline: item.headlineOriginal,
    canonicalUrl: item.source.url,
    agencyId: agencyGroupId(item.source.id, entry),
  };
}

function policyOf(d: DedupeOptions): DedupePolicy {
  return d.policy === 'prefer' ? { policy: 'prefer', prefer: d.prefer } : { policy: d.policy };
}

/** The policy's decision for a copy (src/dedupe/policy.ts), the group's published copy going on as published. */
function groupDecision(
  options: DedupeOptions,
  member: { itemId: string; sourceId: string },
  stored: StoryGroupRecord,
): DedupeDecision {
  if (stored.published?.itemId === member.itemId)
    return { action: 'publish', storyGroup: stored.id, alsoReportedBy: [] };
  return decide(policyOf(options), member, {
    id: stored.id,
    members: stored.members.filter((m) => m.itemId !== member.itemId),
    published: stored.published && {
      itemId: stored.publishedAs ?? stored.published.itemId,
      sourceId: stored.published.sourceId,
    },
  });
}

/** What grouping would do with an item now (`wire rules test`): read only, no lock, nothing recorded. */
export interface StoryGroupPreview {
  storyGroup: string;
  action: 'publish' | 'replace' | 'suppress';
  /** Why it would not be published, or whose copy it would replace. */
  reason: string | null;
  /** How its group was found: member (recorded before), new group, or the match (reason, similarity, item). */
  matchedBy: string;
}

export async function previewStoryGroup(
  ctx: Pick<StoryGroupContext, 'config'> & {
    dedupe: Pick<StoryGroupContext['dedupe'], 'itemGroup' | 'lookup' | 'group'>;
  },
  item: WireItem,
  entry: FeedItem | null = null,
  now = Date.now(),
): Promise<StoryGroupPreview | null> {
  const options = ctx.config.wire.dedupe;
  if (!options) return null;
  let groupId = await ctx.dedupe.itemGroup(item.id, now);
  let matchedBy = 'member';
  if (!groupId) {
    const match = await ctx.dedupe.lookup(dedupeKey(item, entry), now, item.id);
    if (!match) return { storyGroup: item.id, action: 'publish', reason: null, matchedBy: 'new group' };
    groupId = match.storyGroup;
    matchedBy = `${match.reason} ${match.similarity.toFixed(2)} with ${match.itemId}`;
  }
  const stored = (await ctx.dedupe.group(groupId)) ?? { id: groupId, members: [] };
  // A stored story published under its group's id (a preferred copy replaced the first) is the group's story.
  if (stored.publishedAs === item.id) return { storyGroup: groupId, action: 'publish', reason: null, matchedBy };
  const d = groupDecision(options, { itemId: item.id, sourceId: item.source.id }, stored);
  return { storyGroup: groupId, action: d.action, reason: d.action === 'publish' ? null : d.reason, matchedBy };
}

export type GroupedOutcome =
  | { action: 'published'; item: WireItem; published: PublishOutcome; replaced?: { itemId: string; sourceId: string } }
  | { action: 'duplicate'; duplicate: DuplicateRecord };

async function acquire(ctx: StoryGroupContext, name: string, ttlMs: number, deadline: number): Promise<Lock | null> {
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const lock = await tryLock(ctx.redis, ctx.keys.lock(name), ttlMs);
    if (lock || Date.now() + pause > deadline) return lock;
    await sleep(pause);
  }
}

/**
 * The same-story step (issue 15), between the editorial rules and the publish step: finds the item's story
 * group (its own from an earlier version or attempt, else the best match in the window, else a new group named
 * after it), decides under the policy (src/dedupe/policy.ts), and publishes (through `publish`) or records the
 * copy as a duplicate. Nothing is dropped silently: a duplicate is recorded with its reason and logged.
 *
 * Atomicity: lookup + add run under one short lock, so a second copy handled at the same moment finds the
 * first; the decision, the publish and the group's record run under the group's own lock, so two copies of
 * one story never both publish under `first`, and a preferred copy's replacement cannot be overtaken by the
 * copy it replaces. The group record is written after the publish: a copy whose publish failed is not taken
 * as published (its retry decides again).
 */
export async function publishInStoryGroup(
  ctx: StoryGroupContext,
  item: WireItem,
  entry: FeedItem | null,
  publish: (item: WireItem, ownStory: boolean) => Promise<PublishOutcome>,
  now = Date.now(),
): Promise<GroupedOutcome> {
  const options = ctx.config.wire.dedupe;
  if (!options) return { action: 'published', item, published: await publish(item, true) };
  const log = ctx.log.child({ sourceId: item.source.id, itemId: item.id });
  const key = dedupeKey(item, entry);
  const deadline = Date.now() + GROUP_WAIT_MS;
  let groupLock: Lock | null = null;
  let groupId = '';
  let matchedBy = 'member';
  // Under the lookup lock: find the group and take its lock; a group busy with another copy releases the
  // lookup lock while it waits, so other stories go on.
  while (!groupLock) {
    const lookupLock = await acquire(ctx, 'dedupe-lookup', LOOKUP_LOCK_MS, deadline);
    if (!lookupLock) throw new StoryBusyError(item.id, 1000);
    try {
      groupId = (await ctx.dedupe.itemGroup(item.id, now)) ?? '';
      if (!groupId) {
        const match = await ctx.dedupe.lookup(key, now, item.id);
        groupId = match?.storyGroup ?? item.id;
        matchedBy = match ? `${match.reason} ${match.similarity.toFixed(2)} with ${match.itemId}` : 'new group';
      }
      groupLock = await tryLock(ctx.redis, ctx.keys.lock(`group-${groupId}`), ctx.config.wire.jobs.lockDuration);
      if (groupLock) await ctx.dedupe.add(item.id, item.source.id, groupId, key, now);
    } finally {
      await lookupLock.release();
    }
    if (!groupLock) {
      if (Date.now() > deadline) throw new StoryBusyError(groupId, 1000);
      await sleep(5);
    }
  }
  try {
    const stored = (await ctx.dedupe.group(groupId)) ?? { id: groupId, members: [] };
    const member: GroupMemberRecord = {
      itemId: item.id,
      sourceId: item.source.id,
      sourceName: item.source.name,
      url: item.source.url,
      at: new Date(now).toISOString(),
    };
    const others = stored.members.filter((m) => m.itemId !== item.id);
    const members = stored.members.some((m) => m.itemId === item.id) ? stored.members : [...stored.members, member];
    const decision = groupDecision(options, member, stored);
    if (decision.action === 'suppress') {
      const duplicate: DuplicateRecord = {
        itemId: item.id,
        sourceId: item.source.id,
        headline: item.headline,
        url: item.source.url,
        storyGroup: groupId,
        sameAs: decision.sameAs,
        reason: decision.reason,
        matchedBy,
        policy: options.policy,
        at: new Date(now).toISOString(),
      };
      await ctx.dedupe.recordDuplicate(duplicate);
      await ctx.dedupe.putGroup({ ...stored, members });
      log.info(
        { storyGroup: groupId, sameAs: decision.sameAs.itemId, sameAsSource: decision.sameAs.sourceId, matchedBy },
        `item not published: ${decision.reason}`,
      );
      return { action: 'duplicate', duplicate };
    }
    // Published under the group's story id when this copy is (or replaces) the group's published copy under
    // first or prefer; under its own id otherwise (mark, or a group with no published copy yet).
    const publishedAs =
      options.policy === 'mark'
        ? item.id
        : decision.action === 'replace'
          ? decision.replaces.itemId
          : (stored.publishedAs ?? item.id);
    const alsoReportedBy = others.map((m) => ({
      sourceId: m.sourceId,
      sourceName: m.sourceName,
      itemId: m.itemId,
      url: m.url,
    }));
    const out: WireItem = { ...item, id: publishedAs, storyGroup: groupId, alsoReportedBy };
    const published = await publish(out, publishedAs === item.id);
    await ctx.dedupe.putGroup({
      ...stored,
      members,
      ...(options.policy === 'mark' ? {} : { published: { itemId: item.id, sourceId: item.source.id }, publishedAs }),
    } satisfies StoryGroupRecord);
    if (decision.action === 'replace') {
      log.info(
        {
          storyGroup: groupId,
          replaces: decision.replaces.itemId,
          replacedSource: decision.replaces.sourceId,
          version: published.version,
        },
        `published as a new version of ${publishedAs}: ${decision.reason}`,
      );
      return { action: 'published', item: out, published, replaced: decision.replaces };
    }
    return { action: 'published', item: out, published };
  } finally {
    await groupLock.release();
  }
}

/**
 * Where an agency's kill or hold of an item's story applies once grouping has published it elsewhere: the
 * preferred copy's status goes to the group's story id it is published under; a copy another source's copy
 * replaced (`replacedBy`) no longer has its text downstream, so its status changes nothing there.
 */
export async function statusTarget(
  ctx: StoryGroupContext,
  itemId: string,
  now = Date.now(),
): Promise<{ itemId: string; replacedBy?: { itemId: string; sourceId: string } }> {
  if (!ctx.config.wire.dedupe) return { itemId };
  const groupId = await ctx.dedupe.itemGroup(itemId, now);
  const group = groupId ? await ctx.dedupe.group(groupId) : null;
  if (!group?.published || !group.publishedAs || group.publishedAs === group.published.itemId) return { itemId };
  if (group.published.itemId === itemId) return { itemId: group.publishedAs };
  if (group.publishedAs === itemId) return { itemId, replacedBy: group.published };
  return { itemId };
}
