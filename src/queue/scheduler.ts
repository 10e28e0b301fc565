import type { Queue } from 'bullmq';
import type { Source } from '../config/schema.js';
import { tryLock } from '../state/lock.js';
import type { Locking, Logging } from '../pipeline/context.js';
import type { Queues } from './queues.js';
import type { PollJobData } from './jobs.js';
import { schedulerId } from './names.js';

export interface ReconcileReport {
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

/**
 * Makes the poll queue's job schedulers match the config: one per enabled source, polling at its
 * interval; schedulers of removed or disabled sources are deleted. Only schedulers we own (named
 * poll-<id>) are touched.
 */
export async function reconcileSchedulers(queue: Queue<PollJobData>, sources: Source[]): Promise<ReconcileReport> {
  const report: ReconcileReport = { created: [], updated: [], removed: [], unchanged: [] };
  const wanted = new Map(sources.filter((s) => s.enabled).map((s) => [schedulerId(s.id), s]));
  const existing = new Map<string, { every?: number; sourceId?: string }>();
  const total = await queue.getJobSchedulersCount();
  for (let start = 0; start < total; start += 1000) {
    for (const s of await queue.getJobSchedulers(start, start + 999)) {
      existing.set(s.key, { every: s.every, sourceId: s.template?.data?.sourceId });
    }
  }
  for (const [id, source] of wanted) {
    const current = existing.get(id);
    if (current && current.every === source.everyMs && current.sourceId === source.id) {
      report.unchanged.push(source.id);
      continue;
    }
    await queue.upsertJobScheduler(id, { every: source.everyMs }, { name: 'poll', data: { sourceId: source.id } });
    (current ? report.updated : report.created).push(source.id);
  }
  for (const [id, current] of existing) {
    if (!id.startsWith('poll-') || wanted.has(id)) continue;
    await queue.removeJobScheduler(id);
    report.removed.push(current.sourceId ?? id.slice('poll-'.length));
  }
  return report;
}

/**
 * Reconciles from one process at a time: with several `wire start` processes, the first to take the lock
 * does it and the others skip (they would write the same thing, but concurrent upserts race).
 */
export async function reconcileOnce(
  rt: Locking & Logging & { queues: Pick<Queues, 'poll'>; config: { sources: Source[] } },
): Promise<ReconcileReport | null> {
  const lock = await tryLock(rt.redis, rt.keys.lock('reconcile'), 60_000);
  if (!lock) return null;
  try {
    const report = await reconcileSchedulers(rt.queues.poll, rt.config.sources);
    rt.log.info(
      { created: report.created, updated: report.updated, removed: report.removed, unchanged: report.unchanged.length },
      'poll schedulers reconciled with the config',
    );
    return report;
  } finally {
    await lock.release();
  }
}
