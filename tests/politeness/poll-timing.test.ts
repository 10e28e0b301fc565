import { describe, expect, it } from 'vitest';
import { maxAgeSeconds, nextPollAfterFailure, nextPollAfterSuccess } from '../../src/pipeline/poll-timing.js';

const rules = { minInterval: 60_000, maxInterval: 3_600_000, backoffAfter: 3, maxBackoff: 6 * 3_600_000 };
const now = 1_000_000;

describe('poll timing', () => {
  it('reads Cache-Control max-age', () => {
    expect(maxAgeSeconds('public, max-age=600')).toBe(600);
    expect(maxAgeSeconds('max-age="90", must-revalidate')).toBe(90);
    expect(maxAgeSeconds('s-maxage=30')).toBeNull();
    expect(maxAgeSeconds(undefined)).toBeNull();
  });

  it('honours a refresh hint longer than the interval, within the configured bounds', () => {
    expect(nextPollAfterSuccess(now, 300_000, 900, rules)).toBe(now + 900_000); // 15 min asked, 5 min configured
    expect(nextPollAfterSuccess(now, 300_000, 86_400, rules)).toBe(now + 3_600_000); // capped at maxInterval
    expect(nextPollAfterSuccess(now, 300_000, 60, rules)).toBeNull(); // shorter than our interval: schedule decides
    expect(nextPollAfterSuccess(now, 300_000, null, rules)).toBeNull();
  });

  it('backs off exponentially after repeated failures, capped', () => {
    expect(nextPollAfterFailure(now, 300_000, 1, undefined, rules)).toBeNull();
    expect(nextPollAfterFailure(now, 300_000, 2, undefined, rules)).toBeNull();
    expect(nextPollAfterFailure(now, 300_000, 3, undefined, rules)).toBe(now + 600_000);
    expect(nextPollAfterFailure(now, 300_000, 4, undefined, rules)).toBe(now + 1_200_000);
    expect(nextPollAfterFailure(now, 300_000, 20, undefined, rules)).toBe(now + 6 * 3_600_000);
  });

  it('obeys Retry-After even on a first failure', () => {
    expect(nextPollAfterFailure(now, 300_000, 1, 120_000, rules)).toBe(now + 120_000);
    expect(nextPollAfterFailure(now, 300_000, 4, 1_000, rules)).toBe(now + 1_200_000);
  });
});
