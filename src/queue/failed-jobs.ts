import type { Job } from 'bullmq';
import type { Logger } from '../log/index.js';
import { describeFailed, queueByName, reasonClass, type FailedJob, type QueueHolder } from './inspect.js';

/** Who acted, for the log line of an operator's action: the CLI's user, or the console's role. */
export interface Actor {
  /** `cli`, or the console's role (`admin`; a viewer cannot act). */
  role: string;
}

/** The failed jobs of the queues named (every queue by default), each with its job for retry and drop. */
export async function failedJobs(
  rt: QueueHolder,
  queueNames: string[] = [...rt.queues.byName.keys()],
): Promise<{ row: FailedJob; job: Job }[]> {
  const out: { row: FailedJob; job: Job }[] = [];
  for (const name of queueNames) {
    for (const job of await queueByName(rt, name).getFailed(0, -1)) out.push({ row: describeFailed(name, job), job });
  }
  return out;
}

/** Failed jobs grouped by the class of their reason (reasonClass), the largest group first. */
export function groupByReason(rows: FailedJob[]): { reasonClass: string; jobs: FailedJob[] }[] {
  const groups = new Map<string, FailedJob[]>();
  for (const r of rows) {
    const c = reasonClass(r.reason);
    groups.set(c, [...(groups.get(c) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([c, jobs]) => ({ reasonClass: c, jobs }))
    .sort((a, b) => b.jobs.length - a.jobs.length || a.reasonClass.localeCompare(b.reasonClass));
}

/**
 * An operator retries or drops failed jobs: the ones whose id is in `ids` (every failed job when `ids` is
 * `all`), each logged with who acted. Returns the jobs acted on; ids not found are simply not in it.
 */
export async function actOnFailed(
  rt: QueueHolder,
  action: 'retry' | 'drop',
  ids: string[] | 'all',
  actor: Actor,
  log: Logger,
  queueNames?: string[],
): Promise<FailedJob[]> {
  const done: FailedJob[] = [];
  for (const { row, job } of await failedJobs(rt, queueNames)) {
    if (ids !== 'all' && !ids.includes(row.id)) continue;
    if (action === 'retry') {
      await job.retry('failed');
      log.info(
        { queue: row.queue, jobId: row.id, sourceId: row.sourceId, role: actor.role },
        'failed job retried by operator',
      );
    } else {
      await job.remove();
      log.warn(
        { queue: row.queue, jobId: row.id, sourceId: row.sourceId, reason: row.reason, role: actor.role },
        'failed job dropped by operator',
      );
    }
    done.push(row);
  }
  return done;
}
