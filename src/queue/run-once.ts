import { randomBytes } from 'node:crypto';
import { Job, QueueEvents } from 'bullmq';
import type { LoadedConfig } from '../config/schema.js';
import type { Queues } from './queues.js';
import { bullConnection, isClusterUrl, workerErrorLevel } from './connection.js';
import { JobWaiter } from './job-waiter.js';
import type { ArticleJobResult, PollJobResult } from './jobs.js';
import { QUEUE, queuePrefix } from './names.js';
import { startWorkers, type WorkerRuntime } from './workers.js';

export interface ItemFailure {
  jobId: string;
  guid: string | null;
  link: string | null;
  reason: string;
}

export interface SourceRunSummary {
  id: string;
  ok: boolean;
  error?: string;
  /** Why a healthy source was not polled this time (its feed's refresh hint). */
  note?: string;
  outcome?: PollJobResult['outcome'];
  items: {
    new: number;
    updated: number;
    seen: number;
    published: number;
    unchanged: number;
    dropped: number;
    held: number;
    /** Not published: the same story as one already published (dedupe policy first or prefer). */
    duplicate: number;
    stale: number;
    recorded: number;
    embargoed: number;
    /**
     * Article jobs that had already run before this poll (the same job id: an identical old version delivered
     * again): nothing new went out, and their old result is not counted as this run's.
     */
    alreadyDone: number;
    failed: number;
    skipped: number;
  };
  failures: ItemFailure[];
}

export interface RunSummary {
  sources: SourceRunSummary[];
  ok: boolean;
}

function parsed<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * `wire run --once`: one poll of every enabled source through the real queues and workers (the same
 * code path as `wire start`), waiting until every new entry has reached the publish queue or failed.
 */
export async function runOnce(
  rt: WorkerRuntime & { config: LoadedConfig; queues: Queues },
  opts: { onProgress?: (done: number, total: number, finished: SourceRunSummary) => void } = {},
): Promise<RunSummary> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const events = (queue: string) => {
    const ev = new QueueEvents(queue, {
      connection: bullConnection(rt),
      prefix: queuePrefix(rt.prefix, queue, isClusterUrl(rt.redisUrl)),
    });
    // Its reads wait through an outage or a Cluster failover (BullMQ retries them); without a listener BullMQ
    // prints each such error to the console.
    ev.on('error', (err) => rt.log[workerErrorLevel(err)]({ err, queue }, 'queue events error'));
    return ev;
  };
  const pollEvents = events(QUEUE.poll);
  const articleEvents = events(QUEUE.article);
  await Promise.all([pollEvents.waitUntilReady(), articleEvents.waitUntilReady()]);
  // One listener pair per queue, however many jobs are waited for (see JobWaiter).
  const pollWaiter = new JobWaiter(pollEvents, rt.queues.poll);
  const articleWaiter = new JobWaiter(articleEvents, rt.queues.article);
  const workers = startWorkers(rt, ['poll', 'article']);
  const sources = rt.config.sources.filter((s) => s.enabled);
  let done = 0;

  async function runSource(sourceId: string): Promise<SourceRunSummary> {
    const summary: SourceRunSummary = {
      id: sourceId,
      ok: false,
      items: {
        new: 0,
        updated: 0,
        seen: 0,
        published: 0,
        unchanged: 0,
        stale: 0,
        recorded: 0,
        embargoed: 0,
        alreadyDone: 0,
        dropped: 0,
        held: 0,
        duplicate: 0,
        failed: 0,
        skipped: 0,
      },
      failures: [],
    };
    const pollJob = await rt.queues.poll.add('poll', { sourceId }, { jobId: `once-${runId}-${sourceId}` });
    let poll: PollJobResult;
    try {
      poll = parsed<PollJobResult>(await pollWaiter.wait(pollJob.id!));
    } catch (err) {
      summary.error = (err as Error).message;
      return summary;
    }
    // A source held back by its own feed's refresh hint is healthy; one held back after failures is not.
    summary.ok = poll.outcome !== 'skipped' && !(poll.outcome === 'deferred' && poll.deferKind !== 'ttl');
    if (poll.reason) summary[summary.ok ? 'note' : 'error'] = poll.reason;
    summary.outcome = poll.outcome;
    Object.assign(summary.items, {
      new: poll.new,
      updated: poll.updated,
      seen: poll.seen,
      skipped: poll.skipped.length,
    });
    await Promise.all(
      poll.articleJobIds.map(async (jobId) => {
        const job = await Job.fromId(rt.queues.article, jobId);
        if (!job) return; // finished earlier and already removed by retention: nothing left to wait for
        // The same job id as one that finished before this poll was even queued: adding it again did nothing.
        if (job.finishedOn !== undefined && job.finishedOn < (pollJob.timestamp ?? Date.now())) {
          summary.items.alreadyDone++;
          return;
        }
        // Held by an embargo: it goes out at its time (under `wire start`), not during this run.
        const embargo = job.data.item.agency?.embargo;
        if (embargo && Date.parse(embargo) > Date.now() && (await job.isDelayed())) {
          summary.items.embargoed++;
          return;
        }
        try {
          const result = parsed<ArticleJobResult>(await articleWaiter.wait(jobId));
          summary.items[result.outcome]++;
        } catch (err) {
          summary.items.failed++;
          summary.failures.push({
            jobId,
            guid: job.data.item.guid,
            link: job.data.item.link,
            reason: (err as Error).message,
          });
        }
      }),
    );
    return summary;
  }

  try {
    const results = await Promise.all(
      sources.map(async (s) => {
        const r = await runSource(s.id);
        opts.onProgress?.(++done, sources.length, r);
        return r;
      }),
    );
    return { sources: results, ok: results.every((r) => r.ok) };
  } finally {
    await workers.close();
    pollWaiter.close();
    articleWaiter.close();
    await Promise.all([pollEvents.close(), articleEvents.close()]);
  }
}
