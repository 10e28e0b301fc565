/** What the console reads that is new in state: per-day history, recent errors, the pause, every version. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireConfig } from '../../src/config/schema.js';
import { WireError } from '../../src/errors.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { sampleItem } from '../helpers/sample-item.js';

describe('console state', () => {
  let t: TestRuntime;
  beforeAll(() => {
    t = openTestRuntime(
      writeConfig('site: X\n', 'sources:\n  - { id: alpha, name: Alpha, feed: "https://alpha.example/rss" }\n'),
      testPrefix(),
    );
  });
  afterAll(async () => t?.close());

  it('keeps 7 days of polls and items per source, today last, and the recent poll errors newest first', async () => {
    const { health } = t.rt;
    const validators = { etag: null, lastModified: null, bodyHash: null };
    const yesterday = new Date(Date.now() - 86_400_000);
    await health.pollSucceeded('alpha', { status: 200, fetchMs: 1, queued: 4, validators, movedTo: null }, yesterday);
    await health.pollSucceeded('alpha', { status: 200, fetchMs: 1, queued: 2, validators, movedTo: null });
    await health.pollFailed('alpha', new WireError('timeout', 'no answer in 15 s'));
    await health.pollFailed('alpha', new WireError('http-status', 'HTTP 502', { status: 502 }));
    const days = await health.history('alpha');
    expect(days).toHaveLength(7);
    expect(days[6]).toMatchObject({
      date: new Date().toISOString().slice(0, 10),
      pollsOk: 1,
      pollsFailed: 2,
      items: 2,
    });
    expect(days[5]).toMatchObject({ pollsOk: 1, pollsFailed: 0, items: 4 });
    expect(days.slice(0, 5).every((d) => d.pollsOk + d.pollsFailed + d.items === 0)).toBe(true);
    const errors = await health.errors('alpha');
    expect(errors.map((e) => [e.kind, e.status])).toEqual([
      ['http-status', 502],
      ['timeout', null],
    ]);
  });

  it('a paused source is skipped by the poll step until resumed', async () => {
    await t.rt.health.setPaused('alpha', { by: 'console (admin)', at: new Date().toISOString() });
    const r = await pollSource(t.rt, { sourceId: 'alpha', force: true });
    expect(r).toMatchObject({ outcome: 'skipped' });
    expect(r.reason).toMatch(/paused by console \(admin\)/);
    await t.rt.health.setPaused('alpha', null);
    expect(await t.rt.health.paused('alpha')).toBeNull();
  });

  it('keeps every version of a story, oldest first; writing a version again replaces it', async () => {
    const v1 = sampleItem();
    await t.rt.items.put(v1);
    await t.rt.items.put({ ...v1, version: 2, headline: 'Second' });
    await t.rt.items.put({ ...v1, version: 2, headline: 'Second' });
    const versions = await t.rt.items.versions(v1.id);
    expect(versions.map((v) => [v.version, v.headline])).toEqual([
      [1, v1.headline],
      [2, 'Second'],
    ]);
    expect((await t.rt.items.get(v1.id))!.version).toBe(2);
  });

  it('console.writeConfig is off unless wire.yaml says true, and takes a boolean only', () => {
    expect(WireConfig.parse({ site: 'X' }).console).toEqual({ writeConfig: false });
    expect(WireConfig.parse({ site: 'X', console: { writeConfig: true } }).console.writeConfig).toBe(true);
    expect(WireConfig.safeParse({ site: 'X', console: { writeConfig: 'yes' } }).success).toBe(false);
    expect(WireConfig.safeParse({ site: 'X', console: { write: true } }).success).toBe(false);
  });
});
