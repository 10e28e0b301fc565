/**
 * The set-up and tear-down every fault test with real `wire` processes repeats, in one fixture: a fresh Redis
 * key prefix and the env that points `wire` at it, the origins started and a config written (by `setup`), the
 * queues opened; afterwards every spawned `wire` stopped, the queues and origins closed, the keys dropped.
 *
 *   const run = useFaultRun(async ({ closeAfter }) => {
 *     origin = closeAfter(await startOrigin({ articles: generateArticles(6) }));
 *     return { wire: wireYaml({ jobs: { attempts: 1 } }), sources: `sources:\n${sourceYaml('agency', origin, '1h')}` };
 *   });
 *   it('...', async () => { const wire = spawnWire(['start', '--config', run.dir], run.env); ... run.queues.article ... });
 */
import { afterAll, beforeAll } from 'vitest';
import { writeConfig } from './config.js';
import { openQueues, stopAll, type TestQueues } from './faults.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from './redis.js';

export interface FaultRun {
  /** The Redis key prefix of this run. */
  readonly prefix: string;
  /** Environment for spawned `wire` processes: the test Redis and this prefix. */
  readonly env: Record<string, string>;
  /** The config directory `setup` wrote. */
  readonly dir: string;
  readonly queues: TestQueues;
}

export interface FaultRunSetup {
  /** Closes `thing` (an origin, a server) after the run, before the keys are dropped. */
  closeAfter<T extends { close(): Promise<unknown> }>(thing: T): T;
}

/** Registers the fixture's beforeAll/afterAll in the current describe block; its fields are set once beforeAll ran. */
export function useFaultRun(setup: (run: FaultRunSetup) => Promise<{ wire: string; sources: string }>): FaultRun {
  const prefix = testPrefix();
  const toClose: { close(): Promise<unknown> }[] = [];
  let dir: string | undefined;
  let queues: TestQueues | undefined;
  const run: FaultRun = {
    prefix,
    env: { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix },
    get dir() {
      if (dir === undefined) throw new Error('the fault run is not set up yet (use it inside a test)');
      return dir;
    },
    get queues() {
      if (!queues) throw new Error('the fault run is not set up yet (use it inside a test)');
      return queues;
    },
  };

  beforeAll(async () => {
    const config = await setup({
      closeAfter(thing) {
        toClose.push(thing);
        return thing;
      },
    });
    dir = writeConfig(config.wire, config.sources);
    queues = openQueues(TEST_REDIS_URL, prefix);
  });

  afterAll(async () => {
    await stopAll();
    await queues?.close();
    for (const thing of toClose) await thing.close();
    await dropPrefix(prefix);
  });

  return run;
}
