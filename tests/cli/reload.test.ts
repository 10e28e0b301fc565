/** Config reload without restart: SIGHUP, and the file watcher with --watch; schedulers follow. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { redisOptions } from '../../src/queue/connection.js';
import { writeConfig } from '../helpers/config.js';
import { spawnWire, stopAll, waitFor } from '../helpers/faults.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

const sources = (...ids: string[]) =>
  `sources:\n${ids.map((id) => `  - { id: ${id}, name: ${id}, feed: "https://${id}.example/feed", every: 1h }\n`).join('')}`;

describe('config reload', () => {
  const prefix = testPrefix();
  const queue = new Queue('poll', { connection: redisOptions(TEST_REDIS_URL), prefix });
  afterAll(async () => {
    await stopAll();
    await queue.close();
    await dropPrefix(prefix);
  });
  const schedulerIds = async () => (await queue.getJobSchedulers(0, -1)).map((s) => s.key).sort();

  it('follows SIGHUP and file edits (--watch), and keeps the old config when the new one is broken', async () => {
    const dir = writeConfig('site: X\n', sources('alpha', 'beta'));
    const wire = spawnWire(['start', '--roles', 'scheduler', '--watch', '--config', dir], {
      REDIS_URL: TEST_REDIS_URL,
      WIRE_PREFIX: prefix,
    });
    await wire.waitForLog('media wire started', 30_000);
    expect(await schedulerIds()).toEqual(['poll-alpha', 'poll-beta']);

    // an edit picked up by the watcher
    writeFileSync(join(dir, 'sources.yaml'), sources('alpha', 'gamma'));
    await waitFor(
      async () => JSON.stringify(await schedulerIds()) === JSON.stringify(['poll-alpha', 'poll-gamma']) || null,
      15_000,
      'watcher reload',
    );

    // a broken wire.yaml: logged, previous config kept
    writeFileSync(join(dir, 'wire.yaml'), 'site: X\nheadline:\n  case: shouting\n');
    await wire.waitForLog(/configuration reload failed; keeping the previous one/, 15_000);
    expect(await schedulerIds()).toEqual(['poll-alpha', 'poll-gamma']);

    // fixed again, and SIGHUP asks for a reload explicitly
    writeFileSync(join(dir, 'wire.yaml'), 'site: X\n');
    writeFileSync(join(dir, 'sources.yaml'), sources('delta'));
    wire.kill('SIGHUP');
    await waitFor(
      async () => JSON.stringify(await schedulerIds()) === JSON.stringify(['poll-delta']) || null,
      15_000,
      'SIGHUP reload',
    );
    expect(wire.running()).toBe(true);
  });
});
