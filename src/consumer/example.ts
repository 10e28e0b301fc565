import { mkdirSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import type { Logger } from '../log/index.js';
import { WireItem } from '../item/schema.js';
import { createRedis, isClusterUrl, redisOptions, workerErrorLevel } from '../queue/connection.js';
import { PUBLISH_JOB_NAME, QUEUE, queuePrefix } from '../queue/names.js';
import { renderArticlePage } from './render.js';

export interface ExampleConsumerOptions {
  redisUrl: string;
  prefix: string;
  outDir: string;
  queue?: string;
  log: Logger;
}

/**
 * The proof that a publishing system can use the queue: takes each WireItem from the publish queue and
 * writes it as an article page, <outDir>/<id>.html (a later version overwrites the earlier one: same story,
 * same page); a canceled or withheld story's page is removed. The write is atomic (temp file + rename) so a crash never leaves half a page; a job that
 * fails to render goes to the failed set with its reason.
 */
export function startExampleConsumer(opts: ExampleConsumerOptions) {
  mkdirSync(opts.outDir, { recursive: true });
  const name = opts.queue ?? QUEUE.publish;
  // On a Redis Cluster: one Cluster client of its own (BullMQ cannot build one from options; it shares it and
  // duplicates it for the worker's blocking reads), closed by close(), and the queue's hash-tagged prefix.
  const cluster = isClusterUrl(opts.redisUrl);
  const clusterClient = cluster ? createRedis(opts.redisUrl, opts.log) : undefined;
  const connection = () => clusterClient ?? redisOptions(opts.redisUrl);
  const prefix = queuePrefix(opts.prefix, name, cluster);
  const worker = new Worker(
    name,
    async (job: Job) => {
      if (job.name !== PUBLISH_JOB_NAME) return { ignored: job.name };
      const item = WireItem.parse(job.data);
      const file = join(opts.outDir, `${item.id}.html`);
      if (item.pubStatus !== 'usable') {
        // Killed (canceled) or withheld: the page comes down; a later usable version writes it again.
        rmSync(file, { force: true });
        opts.log.info(
          {
            itemId: item.id,
            version: item.version,
            sourceId: item.source.id,
            pubStatus: item.pubStatus,
            note: item.lifecycle.note,
            file,
          },
          `article page removed: the story is ${item.pubStatus}`,
        );
        return { removed: file };
      }
      writeFileSync(`${file}.tmp`, renderArticlePage(item));
      renameSync(`${file}.tmp`, file);
      opts.log.info({ itemId: item.id, version: item.version, sourceId: item.source.id, file }, 'article page written');
      return { file };
    },
    { connection: connection(), prefix, concurrency: 4 },
  );
  worker.on('failed', (job, err) => opts.log.error({ jobId: job?.id, err }, `publish job failed: ${err.message}`));
  // Without a listener BullMQ prints the error (a Redis restart: every reconnect attempt) as a raw stack.
  worker.on('error', (err) => {
    const level = workerErrorLevel(err);
    opts.log[level === 'debug' ? 'warn' : level](
      { err: { message: err.message }, queue: name },
      `consumer worker error: ${err.message}`,
    );
  });
  const queue = new Queue(name, { connection: connection(), prefix });
  queue.on('error', () => {}); // its reads wait through a reconnect; the worker's handler reports the outage
  return {
    worker,
    /** Resolves when nothing is waiting, delayed or active any more. */
    async drained(): Promise<void> {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      await worker.close();
      await queue.close();
      await clusterClient?.quit().catch(() => clusterClient.disconnect());
    },
  };
}
