import type { Logger } from '../../log/index.js';
import { toPublishPayload } from '../../publish/payload.js';
import { PUBLISH_JOB_NAME, publishJobId } from '../../queue/names.js';
import { openRuntime, UsageError } from '../context.js';

/**
 * `wire republish <item-id>`: queue the last version of a story again, on purpose. It gets a job id of
 * its own (the normal one would be ignored as a duplicate), and the operator's action is logged.
 */
export async function republishCommand(itemId: string, opts: { config?: string }, log: Logger): Promise<number> {
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const state = await rt.items.get(itemId);
    if (!state) throw new UsageError(`no story with id ${itemId} (it may be older than retention.items)`);
    const jobId = `${publishJobId(itemId, state.version)}-r${Date.now()}`;
    const payload = toPublishPayload(state.item, rt.config.wire.publish);
    for (const queue of rt.queues.downstream) await queue.add(PUBLISH_JOB_NAME, payload, { jobId });
    log.warn({ itemId, version: state.version, jobId, sourceId: state.item.source.id }, 'item republished by operator');
    process.stdout.write(`queued ${itemId} version ${state.version} again as job ${jobId}\n`);
    return 0;
  } finally {
    await shutdown();
  }
}
