import { describe, expect, it } from 'vitest';
import {
  currentAlerts,
  normalGap,
  updateAlerts,
  DEFAULT_ALERT_OPTIONS,
  type AlertChange,
  type OpenAlert,
  type SourceFacts,
} from '../../src/alerts/detect.js';

const H = 3600_000;
const base: SourceFacts = {
  newEntryTimes: [],
  firstSuccessAt: 0,
  consecutiveFailures: 0,
  lastError: null,
  articles: [],
  movedTo: null,
};

/** A fake clock walking a source through time, evaluating at each step; returns every change seen. */
function walk(steps: { at: number; facts: SourceFacts }[]): (AlertChange & { at: number })[] {
  let open: OpenAlert[] = [];
  const seen: (AlertChange & { at: number })[] = [];
  for (const { at, facts } of steps) {
    const r = updateAlerts(open, facts, at);
    open = r.open;
    seen.push(...r.changes.map((c) => ({ ...c, at })));
  }
  return seen;
}

describe('source alerts', () => {
  it('normal gap: the median of recent gaps, once three are known', () => {
    expect(normalGap([0, H])).toBeNull();
    expect(normalGap([0, H, 2 * H, 10 * H])).toBe(H);
    expect(normalGap([0, H, 3 * H, 6 * H, 10 * H])).toBe(2.5 * H);
  });

  it('quiet: fires once when the gap is much longer than the learned one, clears once when entries come again', () => {
    // a source that delivers every 2 h: quiet after 4 x 2 h = 8 h (the floor of 6 h is lower)
    const times = [0, 2 * H, 4 * H, 6 * H, 8 * H];
    const steps = [];
    for (let t = 8 * H; t <= 20 * H; t += H) steps.push({ at: t, facts: { ...base, newEntryTimes: times } });
    steps.push({ at: 21 * H, facts: { ...base, newEntryTimes: [...times, 21 * H] } });
    steps.push({ at: 22 * H, facts: { ...base, newEntryTimes: [...times, 21 * H] } });
    const seen = walk(steps);
    expect(seen.map((c) => [c.kind, c.change, c.at / H])).toEqual([
      ['quiet', 'raised', 17],
      ['quiet', 'cleared', 21],
    ]);
    expect(seen[0].message).toBe('no new entry for 9 h (normal gap 2 h; alert after 8 h)');
  });

  it('quiet: the floor holds for a source that delivers often, and for one whose gap is not learned yet', () => {
    const busy = { ...base, newEntryTimes: [0, 60_000, 120_000, 180_000, 240_000] };
    expect(currentAlerts(busy, 240_000 + 5 * H).has('quiet')).toBe(false);
    expect(currentAlerts(busy, 240_000 + 6 * H + 1).has('quiet')).toBe(true);
    expect(currentAlerts({ ...base, firstSuccessAt: 0 }, 6 * H + 1).get('quiet')).toMatch(/not learned yet/);
    expect(currentAlerts({ ...base, firstSuccessAt: null }, 100 * H).has('quiet')).toBe(false);
  });

  it('failing: fires once at N consecutive failures, clears once at the first success', () => {
    const seen = walk(
      [1, 2, 3, 4, 5, 6, 7, 0, 0].map((n, i) => ({
        at: i * 60_000,
        facts: { ...base, firstSuccessAt: null, consecutiveFailures: n, lastError: n ? 'http-status: 503' : null },
      })),
    );
    expect(seen.map((c) => [c.kind, c.change, c.at / 60_000])).toEqual([
      ['failing', 'raised', 4],
      ['failing', 'cleared', 7],
    ]);
    expect(seen[0].message).toBe(
      `${DEFAULT_ALERT_OPTIONS.failingAfter} consecutive failed polls (last: http-status: 503)`,
    );
  });

  it('degrading: fires once when refused pages and feed bodies rise over the recent window, clears once when they fall', () => {
    const history: ('page' | 'feed' | 'refused')[] = Array.from({ length: 60 }, (_, i) =>
      i % 10 === 0 ? 'feed' : 'page',
    );
    const steps = [];
    // the site changes: every article from now on is refused or taken from the feed, then it is fixed
    for (let i = 0; i < 40; i++) {
      history.push(i < 25 ? (i % 2 ? 'refused' : 'feed') : 'page');
      steps.push({ at: i * H, facts: { ...base, firstSuccessAt: null, articles: history.slice(-120) } });
    }
    const seen = walk(steps);
    expect(seen.map((c) => [c.kind, c.change])).toEqual([
      ['degrading', 'raised'],
      ['degrading', 'cleared'],
    ]);
    // 10 bad in the last 20 raises it (50%, from 10% before): nine new ones and one of the feed bodies before
    expect(seen[0].at / H).toBe(8);
    expect(seen[0].message).toMatch(/^50% of the last 20 articles refused or taken from the feed \(before: 10%\)/);
  });

  it('degrading: a source that always needs the feed is its own normal (no alert)', () => {
    const articles = Array.from({ length: 100 }, () => 'feed' as const);
    expect(currentAlerts({ ...base, firstSuccessAt: null, articles }, 0).has('degrading')).toBe(false);
    expect(currentAlerts({ ...base, firstSuccessAt: null, articles: articles.slice(0, 19) }, 0).has('degrading')).toBe(
      false,
    );
  });

  it('moved: fires once on a permanent redirect, clears once when the URL is updated', () => {
    const seen = walk([
      { at: 0, facts: { ...base, firstSuccessAt: null } },
      { at: 1, facts: { ...base, firstSuccessAt: null, movedTo: 'https://new.example/feed' } },
      { at: 2, facts: { ...base, firstSuccessAt: null, movedTo: 'https://new.example/feed' } },
      { at: 3, facts: { ...base, firstSuccessAt: null } },
    ]);
    expect(seen.map((c) => [c.kind, c.change, c.at])).toEqual([
      ['moved', 'raised', 1],
      ['moved', 'cleared', 3],
    ]);
    expect(seen[0].message).toBe('the feed moved permanently to https://new.example/feed: update its URL');
  });
});
