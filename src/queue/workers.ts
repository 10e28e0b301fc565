import { Worker, type Job } from 'bullmq';
import type { Runtime } from '../runtime.js';
import { redisOptions, workerErrorLevel } from './connection.js';
import type { ArticleJobData, ArticleJobResult, PollJobData, PollJobResult } from './jobs.js';
import { QUEUE } from './names.js';
import { handleArticle, pollSource } from './processors.js';

export type WorkerRole = 'poll' | 'article';

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs and waits for the ones in flight (they finish, or return to the queue if killed). */
  close(): Promise<void>;
}

export function startWorkers(rt: Runtime, roles: WorkerRole[]): RunningWorkers {
  const workers: Worker[] = [];
  const { lockDuration, maxStalledCount } = rt.config.wire.jobs;
  // A dead worker's jobs are found by the stalled check of a live one, once their lock has expired.
  const common = { connection: redisOptions(rt.redisUrl), prefix: rt.prefix, lockDuration, stalledInterval: lockDuration, maxStalledCount };
  if (roles.includes('poll')) {
    workers.push(
      new Worker<PollJobData, PollJobResult>(QUEUE.poll, (job: Job<PollJobData>) => pollSource(rt, job.data), {
        ...common,
        concurrency: rt.config.wire.jobs.pollConcurrency,
      }),
    );
  }
  if (roles.includes('article')) {
    workers.push(
      new Worker<ArticleJobData, ArticleJobResult>(QUEUE.article, (job: Job<ArticleJobData>, token?: string) => handleArticle(rt, job.data, job, token), {
        ...common,
        concurrency: rt.config.wire.jobs.articleConcurrency,
      }),
    );
  }
  for (const w of workers) {
    // Failures are logged with their reason where they happen; these catch what BullMQ itself reports.
    w.on('error', (err) => {
      const level = workerErrorLevel(err);
      if (level === 'warn') rt.log.warn({ queue: w.name, reason: err.message }, `job lock lapsed (a Redis outage or a stalled worker): the job runs again; ${err.message}`);
      else rt.log[level]({ err, queue: w.name }, 'worker error');
    });
    w.on('stalled', (jobId) => rt.log.warn({ queue: w.name, jobId }, 'job stalled: its lock lapsed (its worker died, or Redis was away longer than jobs.lockDuration); it will run again'));
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
