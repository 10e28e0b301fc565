import type { Queue } from 'bullmq';
import type { PollJobData } from './jobs.js';

/**
 * An operator asks for a poll of one source now: a poll job with `force` (it runs even when the source is
 * deferred by its feed's TTL, a Retry-After or backoff), under a job id of its own. Returns the job id.
 */
export async function pollNow(
  rt: { queues: { poll: Pick<Queue<PollJobData>, 'add'> } },
  sourceId: string,
): Promise<string> {
  const jobId = `now-${sourceId}-${Date.now()}`;
  await rt.queues.poll.add('poll', { sourceId, force: true }, { jobId });
  return jobId;
}
