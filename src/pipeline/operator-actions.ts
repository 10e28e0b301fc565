import type { Logger } from '../log/index.js';
import type { PublishContext } from './context.js';
import type { PublishOutcome } from './publish-story.js';
import { changeStoryStatus } from './story-lifecycle.js';

/**
 * What an operator does to a published story, from the CLI (`wire withdraw`) or the console: one function,
 * so both do and log the same thing. `by` says who: the CLI's user name or the console's role. (Republish,
 * which only adds queue jobs, is src/queue/republish.ts.)
 */

/**
 * An operator kills a published story: its next version with `pubStatus: canceled`, the reason and who, to
 * every downstream queue, exactly once. Null when the story is unknown.
 */
export async function withdrawStory(
  ctx: PublishContext & { log: Logger },
  itemId: string,
  reason: string,
  by: string,
): Promise<(PublishOutcome & { sourceId: string }) | null> {
  const state = await ctx.items.get(itemId);
  if (!state) return null;
  const done = await changeStoryStatus(ctx, {
    itemId,
    pubStatus: 'canceled',
    note: reason,
    withdrawnBy: by,
    agency: null,
  });
  const sourceId = state.item.source.id;
  if (done.outcome === 'published') {
    ctx.log.warn(
      { itemId, sourceId, version: done.version, jobId: done.publishJobId, by, reason },
      'story withdrawn by operator',
    );
  } else {
    ctx.log.info({ itemId, sourceId, outcome: done.outcome, by, reason }, 'story already withdrawn: nothing queued');
  }
  return { ...done, sourceId };
}
