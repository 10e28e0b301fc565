import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { WaitSignal, WireError } from '../errors.js';
import type { Logger } from '../log/index.js';
import type { WireConfig } from '../config/schema.js';
import type { ArticleStageContext, PollContext } from '../pipeline/context.js';
import type { Redis } from 'ioredis';
import { bullConnection, isClusterUrl, workerErrorLevel } from './connection.js';
import type { ArticleJobData, ArticleJobResult, PollJobData, PollJobResult } from './jobs.js';
import { QUEUE, queuePrefix } from './names.js';
import { handleArticle } from '../pipeline/handle-article.js';
import { pollSource } from '../pipeline/poll-source.js';

export type WorkerRole = 'poll' | 'article';

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs and waits for the ones in flight (they finish, or return to the queue if killed). */
  close(): Promise<void>;
}

/** What the workers read: what their stages read, and where BullMQ's own connections go. */
export type WorkerRuntime = PollContext &
  ArticleStageContext & {
    config: { wire: WireConfig };
    /** For connections BullMQ opens itself (on a Cluster it shares `redis`, see bullConnection). */
    redisUrl: string;
    redis: Redis;
    prefix: string;
  };

export function startWorkers(rt: WorkerRuntime, roles: WorkerRole[]): RunningWorkers {
  const workers: Worker[] = [];
  const { lockDuration, maxStalledCount } = rt.config.wire.jobs;
  // A dead worker's jobs are found by the stalled check of a live one, once their lock has expired.
  const common = { connection: bullConnection(rt), lockDuration, stalledInterval: lockDuration, maxStalledCount };
  const prefix = (queue: string) => queuePrefix(rt.prefix, queue, isClusterUrl(rt.redisUrl));
  if (roles.includes('poll')) {
    workers.push(
      new Worker<PollJobData, PollJobResult>(
        QUEUE.poll,
        (job: Job<PollJobData>, token?: string) => runStage(rt.log, 'poll', job, token, () => pollSource(rt, job.data)),
        {
          ...common,
          prefix: prefix(QUEUE.poll),
          concurrency: rt.config.wire.jobs.pollConcurrency,
        },
      ),
    );
  }
  if (roles.includes('article')) {
    workers.push(
      new Worker<ArticleJobData, ArticleJobResult>(
        QUEUE.article,
        (job: Job<ArticleJobData>, token?: string) =>
          runStage(rt.log, 'article', job, token, () => handleArticle(rt, job.data, job)),
        {
          ...common,
          prefix: prefix(QUEUE.article),
          concurrency: rt.config.wire.jobs.articleConcurrency,
        },
      ),
    );
  }
  for (const w of workers) {
    // Failures are logged with their reason where they happen; these catch what BullMQ itself reports.
    w.on('error', (err) => {
      const level = workerErrorLevel(err);
      if (level === 'warn')
        rt.log.warn(
          { queue: w.name, reason: err.message },
          `job lock lapsed (a Redis outage or a stalled worker): the job runs again; ${err.message}`,
        );
      else rt.log[level]({ err, queue: w.name }, 'worker error');
    });
    w.on('stalled', (jobId) =>
      rt.log.warn(
        { queue: w.name, jobId },
        'job stalled: its lock lapsed (its worker died, or Redis was away longer than jobs.lockDuration); it will run again',
      ),
    );
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** Shortest time a job that has to wait (a WaitSignal) is put back for. */
const WAIT_MIN_DELAY_MS = 1000;

/**
 * Runs one job of a stage. The one place where waiting becomes "put the job back": a stage that throws a
 * WaitSignal (our own host limit, a story another worker is publishing) has its job moved to the delayed set
 * for the signal's wait, without using an attempt (DelayedError) and without counting as a failure. The job
 * waits outside the worker, whose slot serves others meanwhile. Anything else is the stage's own failure:
 * a WireError's `retryable` decides whether BullMQ retries it.
 */
export async function runStage<D extends { sourceId: string; item?: { guid: string | null } }, R>(
  log: Logger,
  stage: string,
  job: Pick<Job<D>, 'id' | 'data' | 'moveToDelayed'>,
  token: string | undefined,
  work: () => Promise<R>,
): Promise<R> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof WireError) failJob(err);
    if (!(err instanceof WaitSignal) || !token) throw err;
    const delayMs = Math.max(err.waitMs, WAIT_MIN_DELAY_MS);
    const ids = { sourceId: job.data.sourceId, ...(job.data.item ? { guid: job.data.item.guid } : {}), jobId: job.id };
    log.info({ ...ids, ...err.about(), delayMs }, `${err.what}: ${stage} put back for ${delayMs} ms`);
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  }
}

/**
 * Rethrows for BullMQ: permanent failures (404, no article, robots...) skip the remaining attempts, so
 * they reach the failed set at once with their reason instead of hammering the origin.
 */
function failJob(err: WireError): never {
  if (!err.retryable) throw new UnrecoverableError(`${err.kind}: ${err.message}`);
  // The same "<kind>: <message>" form, so a job that failed after its retries shows its class in the
  // failed set too (wire status groups failed jobs by it).
  throw new Error(`${err.kind}: ${err.message}`, { cause: err });
}
