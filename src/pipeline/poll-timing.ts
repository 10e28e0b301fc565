/**
 * When may a source be polled next? Pure functions, so the rules are easy to test and to read.
 */
export interface PollingRules {
  minInterval: number;
  maxInterval: number;
  backoffAfter: number;
  maxBackoff: number;
}

/** Cache-Control max-age in seconds, or null. */
export function maxAgeSeconds(cacheControl: string | undefined): number | null {
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * After a successful poll: the feed's own refresh hint (RSS ttl, Cache-Control max-age), kept within the
 * configured bounds, delays the next poll when it asks for longer than the source's interval.
 * Returns the earliest next poll time (ms since epoch), or null when the schedule alone decides.
 */
export function nextPollAfterSuccess(
  now: number,
  everyMs: number,
  hintSeconds: number | null,
  rules: PollingRules,
): number | null {
  if (hintSeconds === null || hintSeconds <= 0) return null;
  const wanted = Math.min(Math.max(hintSeconds * 1000, rules.minInterval), rules.maxInterval);
  return wanted > everyMs ? now + wanted : null;
}

/**
 * After a failed poll: a Retry-After is obeyed; after `backoffAfter` consecutive failures the gap doubles
 * with each further failure, up to `maxBackoff`. Returns null when the next scheduled poll may go ahead.
 */
export function nextPollAfterFailure(
  now: number,
  everyMs: number,
  failures: number,
  retryAfterMs: number | undefined,
  rules: PollingRules,
): number | null {
  const backoff =
    failures >= rules.backoffAfter ? Math.min(everyMs * 2 ** (failures - rules.backoffAfter + 1), rules.maxBackoff) : 0;
  const wait = Math.max(backoff, retryAfterMs ?? 0);
  return wait > 0 ? now + wait : null;
}
