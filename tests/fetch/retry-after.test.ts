import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/fetch/retry-after.js';
import { permanentRedirectTarget } from '../../src/fetch/redirects.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
    // RFC 850 and asctime forms are still legal to receive.
    expect(parseRetryAfter('Sunday, 01-Jun-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun Jun  1 12:00:10 2025', now)).toBeGreaterThanOrEqual(0);
  });

  it('never returns a negative wait for a date in the past', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('99999999999999999999', now)).toBeUndefined();
  });
});

describe('permanentRedirectTarget', () => {
  const hop = (from: string, to: string, status: number) => ({ from, to, status });
  it('follows the leading run of 301/308 only', () => {
    expect(permanentRedirectTarget([])).toBeNull();
    expect(permanentRedirectTarget([hop('a', 'b', 301), hop('b', 'c', 308)])).toBe('c');
    expect(permanentRedirectTarget([hop('a', 'b', 301), hop('b', 'c', 302)])).toBe('b');
    expect(permanentRedirectTarget([hop('a', 'b', 307), hop('b', 'c', 301)])).toBeNull();
  });
});
