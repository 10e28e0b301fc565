/**
 * Parses a Retry-After header (RFC 9110 §10.2.3): either delay-seconds or an HTTP date.
 * Returns milliseconds to wait from `now` (never negative), or undefined when the value is
 * missing or unreadable, so a garbled header falls back to our own backoff instead of
 * "retry immediately".
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // Date.parse reads IMF-fixdate, RFC 850 and asctime forms; reject bare numbers-with-junk above.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
