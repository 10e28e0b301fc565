import { resolve } from 'node:path';
import { startExampleConsumer } from '../../consumer/example.js';
import type { Logger } from '../../log/index.js';
import { redactUrl } from '../../queue/connection.js';
import { keyPrefix, QUEUE } from '../../queue/names.js';
import { findRedis } from '../context.js';

/** `wire consume`: the example downstream consumer (article pages into a folder). */
export async function consumeCommand(
  opts: { out: string; queue?: string; drain?: boolean },
  log: Logger,
): Promise<number> {
  const found = await findRedis(log);
  const consumer = startExampleConsumer({
    redisUrl: found.url,
    prefix: keyPrefix(),
    outDir: resolve(opts.out),
    queue: opts.queue,
    log,
  });
  const stop = async () => {
    await consumer.close();
    await found.stop();
  };
  const out = resolve(opts.out);
  log.info(
    { redis: redactUrl(found.url), queue: opts.queue ?? QUEUE.publish, out },
    opts.drain ? 'consuming until the queue is empty' : 'waiting for items on the publish queue (Ctrl-C to stop)',
  );
  if (opts.drain) {
    await consumer.drained();
    await stop();
    return 0;
  }
  return new Promise((done) => {
    const onSignal = () => void stop().then(() => done(0));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    found.releaseSignals(); // a signal now stops the consumer gracefully
  });
}
