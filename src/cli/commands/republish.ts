import type { Logger } from '../../log/index.js';
import { republishStory } from '../../queue/republish.js';
import { openRuntime, UsageError } from '../context.js';

/**
 * `wire republish <item-id>`: queue the last version of a story again, on purpose. It gets a job id of
 * its own (the normal one would be ignored as a duplicate), and the operator's action is logged.
 */
export async function republishCommand(itemId: string, opts: { config?: string }, log: Logger): Promise<number> {
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const done = await republishStory(rt, itemId, 'cli');
    if (!done) throw new UsageError(`no story with id ${itemId} (it may be older than retention.items)`);
    process.stdout.write(`queued ${itemId} version ${done.version} again as job ${done.jobId}\n`);
    return 0;
  } finally {
    await shutdown();
  }
}
