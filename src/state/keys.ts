/**
 * Our own Redis keys, beside BullMQ's (which live under `${prefix}:${queue}:`, or `${prefix}:{${queue}}:${queue}:`
 * on a Redis Cluster: see queuePrefix in src/queue/names.ts).
 *
 * On a Redis Cluster (`cluster: true`) the part that groups keys is a hash tag (`{...}`): the keys one MULTI or
 * Lua script touches share it, so they are in one slot, and different sources and hosts spread over the slots
 * (and so over the masters). On one Redis the names carry no braces (the layout is unchanged).
 */
export function stateKeys(prefix: string, opts: { cluster?: boolean } = {}) {
  const base = `${prefix}:state`;
  const tag = opts.cluster ? (s: string) => `{${s}}` : (s: string) => s;
  return {
    /** hash: feed entry key -> fingerprint of the version last queued (one MULTI with seenAt: same tag) */
    seen: (sourceId: string) => `${base}:seen:${tag(sourceId)}`,
    /** zset: feed entry key -> last time it was in the feed (for retention) */
    seenAt: (sourceId: string) => `${base}:seen-at:${tag(sourceId)}`,
    /** string (JSON): the last published state of a story */
    item: (itemId: string) => `${base}:item:${tag(itemId)}`,
    /** string (JSON): a kill or hold recorded for a story never published (story-lifecycle.ts) */
    hold: (itemId: string) => `${base}:hold:${tag(itemId)}`,
    /** string (JSON): the newest agency version queued for a story, with its embargo (QueuedVersion) */
    queued: (itemId: string) => `${base}:queued:${tag(itemId)}`,
    /** zset: story id -> embargo time (ms) of its newest queued version, for "held until" listings (an index,
     *  written beside `queued` but not in one MULTI with it: a Cluster puts them in different slots) */
    embargoed: `${base}:embargoed`,
    /** hash: a source's health and HTTP validators; its per-day counters are this key + `:day:` / `:published:` + date */
    source: (sourceId: string) => `${base}:source:${tag(sourceId)}`,
    lock: (name: string) => `${base}:lock:${tag(name)}`,
    /** base of the per-host limiter's keys (slots, next start, Retry-After block): `${hosts}:slots:${hostTag(host)}` */
    hosts: `${base}:host`,
    /** how the host limiter names a host inside its keys: its three keys (one Lua script) share the tag */
    hostTag: tag,
    /** hash: item id -> held item (JSON), waiting for an editor (editorial rules); the three editorial keys share
     *  one hash tag on a Cluster (a drop is one MULTI on the list and the counts; on one Redis the names are unchanged) */
    held: `${base}:${tag('editorial')}:held`,
    /** list (newest first, capped): dropped items (JSON), with rule and reason */
    dropped: `${base}:${tag('editorial')}:dropped`,
    /** hash: "source rule" -> items dropped by that rule since the state began */
    dropCounts: `${base}:${tag('editorial')}:drop-counts`,
    /** base of the same-story keys (src/state/dedupe.ts): per-item hash, band/URL/agency-id sorted sets */
    dedupe: `${base}:dedupe`,
    /** base of the cached robots.txt files */
    robots: `${base}:robots`,
  };
}
export type StateKeys = ReturnType<typeof stateKeys>;
