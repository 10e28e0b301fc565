import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { releaseHeld } from '../../src/pipeline/held.js';
import { sampleItem } from '../helpers/sample-item.js';
import { writeConfig } from '../helpers/config.js';
import { testPrefix } from '../helpers/redis.js';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.js';

const SOURCES = 'sources:\n  - { id: agency, name: Agency, feed: "https://agency.example/feed" }\n';

let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const HOUR = 3_600_000;

/** Holds three items: two held 3 h and 2 h ago, one 10 minutes ago. */
async function holdThree(rt: TestRuntime['rt']) {
  const ids: string[] = [];
  for (const [i, agoMs] of [3 * HOUR, 2 * HOUR, 10 * 60_000].entries()) {
    const base = sampleItem();
    const item = { ...base, id: `${String(i).repeat(32)}`, headline: `Held ${i}` };
    await rt.editorial.hold({
      item,
      rule: 'check-ministers',
      scope: 'global',
      matched: 'body: "minister"',
      reason: 'a minister is named',
      at: new Date(Date.now() - agoMs).toISOString(),
    });
    ids.push(item.id);
  }
  return ids;
}

describe('held.expireAfter', () => {
  it('drops held items no editor decided on in time: recorded, counted as expired, never listed or released', async () => {
    t = openTestRuntime(writeConfig('site: X\nheld:\n  expireAfter: 1h\n', SOURCES), testPrefix());
    const { rt } = t;
    const ids = await holdThree(rt);
    // a dry run reads them without expiring anything
    expect((await rt.editorial.held({ expire: false })).map((h) => h.item.id)).toEqual(ids);
    expect(await releaseHeld(rt, ids[0])).toBeNull();
    expect((await rt.editorial.held()).map((h) => h.item.id)).toEqual([ids[2]]);
    const drops = await rt.editorial.dropped();
    expect(drops.map((d) => [d.itemId, d.expired, d.rule])).toEqual(
      expect.arrayContaining([
        [ids[0], true, 'check-ministers'],
        [ids[1], true, 'check-ministers'],
      ]),
    );
    expect(drops).toHaveLength(2);
    expect(drops[0].reason).toMatch(
      /^held since .* with no editor's decision \(held.expireAfter\); held for: a minister is named$/,
    );
    expect(await rt.editorial.dropCounts()).toEqual([{ sourceId: sampleItem().source.id, rule: 'expired', count: 2 }]);
    // expired once: a second read finds nothing more to expire
    expect(await rt.editorial.expireHeld()).toEqual([]);
  });

  it('absent: held items stay until an editor acts', async () => {
    t = openTestRuntime(writeConfig('site: X\n', SOURCES), testPrefix());
    const ids = await holdThree(t.rt);
    expect((await t.rt.editorial.held()).map((h) => h.item.id)).toEqual(ids);
    expect(await t.rt.editorial.dropped()).toEqual([]);
  });

  it('is a duration of at least 1m', () => {
    expect(loadConfig(writeConfig('site: X\nheld:\n  expireAfter: 7d\n', SOURCES)).wire.held.expireAfter).toBe(
      7 * 24 * HOUR,
    );
    expect(() => loadConfig(writeConfig('site: X\nheld:\n  expireAfter: 5s\n', SOURCES))).toThrow(ConfigError);
    expect(() => loadConfig(writeConfig('site: X\nheld:\n  expireAfter: 5s\n', SOURCES))).toThrow(
      /wire\.yaml:3: `held\.expireAfter`:? must be at least 1m/,
    );
  });
});
