import type { FeedItem } from '../feed/types.js';
import type { Logger } from '../log/index.js';
import type { PollContext, QueuedStories } from './context.js';
import { agencyStoryId } from '../item/build.js';
import { isNewerVersion } from './agency-version.js';

/**
 * Records, per agency story, the newest version queued and its embargo, before its job is added: a job of an
 * older version (an embargoed one still waiting, or one delivered late) is then superseded at publish time,
 * and `wire status` lists the story as held until its embargo.
 */
async function noteAgencyVersions(items: QueuedStories, sourceId: string, entries: FeedItem[]): Promise<void> {
  for (const item of entries) {
    if (!item.agency) continue;
    const itemId = agencyStoryId(sourceId, item.agency.id);
    const agency = { version: item.agency.version, updatedAt: item.updatedAt };
    const current = await items.latestQueued(itemId);
    if (current && !isNewerVersion(agency, current.agency)) continue;
    await items.putQueued(itemId, {
      agency,
      embargo: item.agency.pubStatus === 'usable' ? item.agency.embargo : null,
      sourceId,
      guid: item.guid,
    });
  }
}

/** Feed entries queued per round trip (a feed of thousands is still added in bounded pieces). */
export const QUEUE_BATCH = 100;

export interface QueuedEntries {
  new: number;
  updated: number;
  seen: number;
  articleJobIds: string[];
}

/**
 * Which of the feed's entries are new or changed, and an article job queued for each. In batches (one round
 * trip each), every batch added before its entries are marked seen: after a crash or an error part-way
 * through a batch, the next poll adds the same job ids again, and the queue ignores the ones it already has.
 */
export async function queueNewEntries(
  ctx: Pick<PollContext, 'seen' | 'queues' | 'items'>,
  sourceId: string,
  items: FeedItem[],
  log: Logger,
): Promise<QueuedEntries> {
  const out: QueuedEntries = { new: 0, updated: 0, seen: 0, articleJobIds: [] };
  const statuses = await ctx.seen.classify(sourceId, items);
  const queued = items.flatMap((item, i) => (statuses[i] === 'seen' ? [] : [{ item, status: statuses[i] }]));
  out.seen = items.length - queued.length;
  for (let at = 0; at < queued.length; at += QUEUE_BATCH) {
    const batch = queued.slice(at, at + QUEUE_BATCH);
    if (ctx.items)
      await noteAgencyVersions(
        ctx.items,
        sourceId,
        batch.map((q) => q.item),
      );
    const jobIds = await ctx.queues.addArticles(
      sourceId,
      batch.map((q) => q.item),
    );
    await ctx.seen.mark(
      sourceId,
      batch.map((q) => q.item),
    );
    batch.forEach(({ item, status }, i) => {
      const jobId = jobIds[i];
      out.articleJobIds.push(jobId);
      out[status]++;
      log.info({ guid: item.guid, link: item.link, jobId, status }, 'feed entry queued');
    });
  }
  await ctx.seen.touchAndPrune(sourceId, items);
  return out;
}
