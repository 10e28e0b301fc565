/**
 * Same-story store in Redis: what `src/dedupe/` compares, kept over a window (issue 15).
 *
 * Keys under `<prefix>:state:dedupe`:
 * - `item:<itemId>` hash: source, storyGroup, signature (base64), shingle count, headline, URL, agency id, time;
 * - `band:<band key>`, `url:<normalised URL>`, `agency:<agency id>` sorted sets: item id scored by time.
 * Every key expires one window after its last write; a lookup reads only members younger than the window, so
 * at most 64 + 2 sorted-set reads and the hashes of the candidates found: the cost does not grow with the
 * number of stored items. A group's id is the id of its first item.
 */
import type { Redis } from 'ioredis';
import { bandKeys, decodeSignature, encodeSignature } from '../dedupe/minhash.js';
import { compare, normalizeUrl, type DedupeKey, type SameStoryReason } from '../dedupe/match.js';
import type { StateKeys } from './keys.js';

/** Most candidates read per lookup (bucket members beyond it are the oldest and are skipped). */
export const MAX_CANDIDATES = 200;

export interface StoryMatch {
  itemId: string;
  sourceId: string;
  storyGroup: string;
  reason: SameStoryReason;
  similarity: number;
}

export class DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
    /** window in ms (dedupe.window) */
    private readonly windowMs: number,
  ) {}

  private k(what: string): string {
    return `${this.keys.dedupe}:${what}`;
  }

  private indexKeys(key: DedupeKey): string[] {
    const out = bandKeys(key.signature).map((b) => this.k(`band:${b}`));
    const url = key.canonicalUrl ? normalizeUrl(key.canonicalUrl) : undefined;
    if (url) out.push(this.k(`url:${url}`));
    if (key.agencyId) out.push(this.k(`agency:${key.agencyId}`));
    return out;
  }

  /** The best stored same-story item of the window (highest similarity), if any. */
  async lookup(key: DedupeKey, now: number, excludeItemId?: string): Promise<StoryMatch | undefined> {
    const since = now - this.windowMs;
    const reads = this.redis.pipeline();
    for (const k of this.indexKeys(key)) reads.zrevrangebyscore(k, '+inf', since, 'LIMIT', 0, MAX_CANDIDATES);
    const ids = new Set<string>();
    for (const [err, members] of (await reads.exec()) ?? []) {
      if (err) throw err;
      for (const id of members as string[]) if (id !== excludeItemId && ids.size < MAX_CANDIDATES) ids.add(id);
    }
    if (ids.size === 0) return undefined;
    const hashes = this.redis.pipeline();
    for (const id of ids) hashes.hgetall(this.k(`item:${id}`));
    const rows = (await hashes.exec()) ?? [];
    let best: StoryMatch | undefined;
    [...ids].forEach((itemId, i) => {
      const [err, row] = rows[i] as [Error | null, Record<string, string>];
      if (err) throw err;
      if (!row || !row.signature || Number(row.at) < since) return;
      const c = compare(key, {
        signature: decodeSignature(row.signature),
        shingleCount: Number(row.shingles),
        headline: row.headline || undefined,
        canonicalUrl: row.url || undefined,
        agencyId: row.agency || undefined,
      });
      if (!c.same || !c.reason) return;
      // Exact keys (URL, agency id) rank above any body similarity.
      const score = c.reason === 'canonical-url' || c.reason === 'agency-id' ? 2 : c.similarity;
      const bestScore = best
        ? best.reason === 'canonical-url' || best.reason === 'agency-id'
          ? 2
          : best.similarity
        : -1;
      if (score > bestScore) {
        best = { itemId, sourceId: row.source, storyGroup: row.group, reason: c.reason, similarity: c.similarity };
      }
    });
    return best;
  }

  /** Records an item (or its new version) in the window under its story group. */
  async add(itemId: string, sourceId: string, storyGroup: string, key: DedupeKey, now: number): Promise<void> {
    const ttl = Math.ceil(this.windowMs / 1000);
    const tx = this.redis.multi();
    const itemKey = this.k(`item:${itemId}`);
    tx.del(itemKey);
    tx.hset(itemKey, {
      source: sourceId,
      group: storyGroup,
      signature: encodeSignature(key.signature),
      shingles: key.shingleCount,
      headline: key.headline ?? '',
      url: key.canonicalUrl ?? '',
      agency: key.agencyId ?? '',
      at: now,
    });
    tx.expire(itemKey, ttl);
    for (const k of this.indexKeys(key)) {
      tx.zadd(k, now, itemId);
      tx.zremrangebyscore(k, '-inf', `(${now - this.windowMs}`);
      tx.expire(k, ttl);
    }
    const res = await tx.exec();
    for (const [err] of res ?? []) if (err) throw err;
  }
}
