/** Our own Redis keys, beside BullMQ's (which live under `${prefix}:${queue}:`). */
export function stateKeys(prefix: string) {
  const base = `${prefix}:state`;
  return {
    /** hash: feed entry key -> fingerprint of the version last queued */
    seen: (sourceId: string) => `${base}:seen:${sourceId}`,
    /** zset: feed entry key -> last time it was in the feed (for retention) */
    seenAt: (sourceId: string) => `${base}:seen-at:${sourceId}`,
    /** string (JSON): the last published state of a story */
    item: (itemId: string) => `${base}:item:${itemId}`,
    /** hash: a source's health and HTTP validators */
    source: (sourceId: string) => `${base}:source:${sourceId}`,
    lock: (name: string) => `${base}:lock:${name}`,
    /** base of the per-host limiter's keys (slots, next start, Retry-After block) */
    hosts: `${base}:host`,
    /** hash: item id -> held item (JSON), waiting for an editor (editorial rules) */
    held: `${base}:editorial:held`,
    /** list (newest first, capped): dropped items (JSON), with rule and reason */
    dropped: `${base}:editorial:dropped`,
    /** hash: "source rule" -> items dropped by that rule since the state began */
    dropCounts: `${base}:editorial:drop-counts`,
    /** base of the same-story keys (src/state/dedupe.ts): per-item hash, band/URL/agency-id sorted sets */
    dedupe: `${base}:dedupe`,
    /** base of the cached robots.txt files */
    robots: `${base}:robots`,
  };
}
export type StateKeys = ReturnType<typeof stateKeys>;
