import { userInfo } from 'node:os';
import type { Logger } from '../../log/index.js';
import { withdrawStory } from '../../pipeline/operator-actions.js';
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
    const done = await withdrawStory(rt, itemId, reason, who);
    if (!done) throw new UsageError(`no published story with id ${itemId} (it may be older than retention.items)`);
    if (done.outcome === 'published')
      process.stdout.write(
        `withdrew ${itemId}: version ${done.version} (canceled) queued as job ${done.publishJobId}\n`,
      );
    else process.stdout.write(`${itemId} is already canceled: nothing queued\n`);
    return 0;
  } finally {
    await shutdown();
  }
}
