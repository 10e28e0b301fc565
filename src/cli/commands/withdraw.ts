import { userInfo } from 'node:os';
import type { Logger } from '../../log/index.js';
import { changeStoryStatus } from '../../pipeline/story-lifecycle.js';
import { openRuntime, UsageError } from '../context.js';

/** Who is running the command: `--by`, else the login name. */
function operator(by: string | undefined): string {
  if (by?.trim()) return by.trim();
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * `wire withdraw <item-id> --reason "..."`: an operator kills a published story. One explicit event goes to
 * every downstream queue (the story's next version with `pubStatus: canceled`, the reason and who), exactly
 * once; the action is logged with who and why.
 */
export async function withdrawCommand(
  itemId: string,
  opts: { config?: string; reason?: string; by?: string },
  log: Logger,
): Promise<number> {
  const reason = opts.reason?.trim();
  if (!reason) throw new UsageError('wire withdraw needs --reason "...": the reason goes downstream with the kill');
  const who = operator(opts.by);
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const state = await rt.items.get(itemId);
    if (!state) throw new UsageError(`no published story with id ${itemId} (it may be older than retention.items)`);
    const done = await changeStoryStatus(rt, {
      itemId,
      pubStatus: 'canceled',
      note: reason,
      withdrawnBy: who,
      agency: null,
    });
    const sourceId = state.item.source.id;
    if (done.outcome === 'published') {
      log.warn(
        { itemId, sourceId, version: done.version, jobId: done.publishJobId, by: who, reason },
        'story withdrawn by operator',
      );
      process.stdout.write(
        `withdrew ${itemId}: version ${done.version} (canceled) queued as job ${done.publishJobId}\n`,
      );
    } else {
      log.info({ itemId, sourceId, outcome: done.outcome, by: who, reason }, 'story already withdrawn: nothing queued');
      process.stdout.write(`${itemId} is already canceled: nothing queued\n`);
    }
    return 0;
  } finally {
    await shutdown();
  }
}
