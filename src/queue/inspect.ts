import type { Job, Queue } from 'bullmq';
import type { Queues } from './queues.js';

/** What the queue reports read. */
export interface QueueHolder {
  queues: Pick<Queues, 'byName' | 'poll'>;
}

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

export interface QueueStatus {
  queue: string;
  counts: Record<(typeof JOB_STATES)[number], number>;
  /** Failed jobs grouped by the class of their reason (the text before the first colon). */
  failedByReason: Record<string, number>;
}

export function queueByName(rt: QueueHolder, name: string): Queue {
  const q = rt.queues.byName.get(name);
  if (!q) throw new Error(`no queue named "${name}" (queues: ${[...rt.queues.byName.keys()].join(', ')})`);
  return q;
}

/** "http-status: HTTP 404 ..." -> "http-status"; reasons without a class keep their first words. */
export function reasonClass(reason: string | undefined): string {
  if (!reason) return 'unknown';
  const m = /^([a-z-]+):/.exec(reason);
  return m ? m[1] : reason.slice(0, 40);
}

export async function queueStatus(rt: QueueHolder): Promise<QueueStatus[]> {
  return Promise.all(
    [...rt.queues.byName.keys()].map(async (name) => {
      const queue = queueByName(rt, name);
      const counts = (await queue.getJobCounts(...JOB_STATES)) as QueueStatus['counts'];
      const failedByReason: Record<string, number> = {};
      for (const job of await queue.getFailed(0, 999)) {
        const c = reasonClass(job.failedReason);
        failedByReason[c] = (failedByReason[c] ?? 0) + 1;
      }
      return { queue: name, counts, failedByReason };
    }),
  );
}

export interface NextPoll {
  sourceId: string;
  next: string | null;
  everyMs: number | null;
}

export async function nextPolls(rt: QueueHolder): Promise<NextPoll[]> {
  const schedulers = await rt.queues.poll.getJobSchedulers(0, -1, true);
  return schedulers.map((s) => ({
    sourceId: (s.template?.data as { sourceId?: string } | undefined)?.sourceId ?? s.key,
    next: s.next ? new Date(s.next).toISOString() : null,
    everyMs: s.every ?? null,
  }));
}

export interface FailedJob {
  queue: string;
  id: string;
  reason: string;
  attempts: number;
  failedAt: string | null;
  sourceId: string | null;
  link: string | null;
}

export function describeFailed(queue: string, job: Job): FailedJob {
  const data = job.data as { sourceId?: string; item?: { link?: string }; source?: { id?: string; url?: string } };
  return {
    queue,
    id: job.id ?? '',
    reason: job.failedReason,
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    sourceId: data.sourceId ?? data.source?.id ?? null,
    link: data.item?.link ?? data.source?.url ?? null,
  };
}
