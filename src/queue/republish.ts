import type { LoadedConfig } from '../config/schema.js';
import type { Logger } from '../log/index.js';
import { toPublishPayload, type PublishPayload } from '../publish/payload.js';
import type { StoryState } from '../state/items.js';
import { PUBLISH_JOB_NAME, publishJobId } from './names.js';

/**
 * `wire republish` and the console's Republish: the last version of a story queued again, on purpose, on
 * every downstream queue, logged with who asked.
 */

/** What republishing reads. */
export interface RepublishContext {
  config: Pick<LoadedConfig, 'wire'>;
  items: { get(itemId: string): Promise<StoryState | null> };
  queues: { downstream: { add(name: string, data: PublishPayload, opts: { jobId: string }): Promise<unknown> }[] };
  log: Logger;
}

/** Null when the story is unknown (or older than retention.items); else the version queued again and its job id. */
export async function republishStory(
  ctx: RepublishContext,
  itemId: string,
  by: string,
): Promise<{ version: number; jobId: string; sourceId: string } | null> {
  const state = await ctx.items.get(itemId);
  if (!state) return null;
  // A job id of its own: the normal one would be ignored as a duplicate.
  const jobId = `${publishJobId(itemId, state.version)}-r${Date.now()}`;
  const payload = toPublishPayload(state.item, ctx.config.wire.publish);
  for (const queue of ctx.queues.downstream) await queue.add(PUBLISH_JOB_NAME, payload, { jobId });
  const sourceId = state.item.source.id;
  ctx.log.warn({ itemId, version: state.version, jobId, sourceId, by }, 'item republished by operator');
  return { version: state.version, jobId, sourceId };
}
