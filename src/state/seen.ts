import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FeedItem } from '../feed/types.js';
import type { StateKeys } from './keys.js';

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/** A feed entry's identity within its source. */
export function entryKey(item: FeedItem): string {
  return shortHash(item.guid, 24);
}

/**
 * What makes a seen entry worth another look: its title or its update time changed. (Not the publish
 * date: some feeds rewrite it on every request, which would refetch every page on every poll.) For an agency
 * item also its version, status and embargo: a kill or a moved embargo may keep the title and the time.
 */
export function entryFingerprint(item: FeedItem): string {
  const a = item.agency;
  const lifecycle = a ? `\n${a.version ?? ''}\n${a.pubStatus}\n${a.embargo ?? ''}` : '';
  return shortHash(`${item.title}\n${item.updatedAt ?? ''}${lifecycle}`, 12);
}

export type EntryStatus = 'new' | 'updated' | 'seen';

/**
 * Remembers which feed entries were already queued, per source.
 *
 * An entry is marked only after its article job was added (see the poll stage): marking first would lose
 * the entry if the process died in between. Entries stay while they keep appearing in the feed, and are
 * forgotten `retentionMs` after they last did.
 */
export class SeenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
    private readonly retentionMs: number,
  ) {}

  async classify(sourceId: string, items: FeedItem[]): Promise<EntryStatus[]> {
    if (items.length === 0) return [];
    const known = await this.redis.hmget(this.keys.seen(sourceId), ...items.map(entryKey));
    return items.map((item, i) =>
      known[i] === null ? 'new' : known[i] === entryFingerprint(item) ? 'seen' : 'updated',
    );
  }

  /** Remembers entries as queued (in one transaction); called only once their article jobs exist. */
  async mark(sourceId: string, items: FeedItem[], now = Date.now()): Promise<void> {
    if (!items.length) return;
    await this.redis
      .multi()
      .hset(this.keys.seen(sourceId), Object.fromEntries(items.map((item) => [entryKey(item), entryFingerprint(item)])))
      .zadd(this.keys.seenAt(sourceId), ...items.flatMap((item) => [now, entryKey(item)]))
      .exec();
  }

  /** Entries still in the feed stay remembered; entries gone for longer than the retention are dropped. */
  async touchAndPrune(sourceId: string, items: FeedItem[], now = Date.now()): Promise<number> {
    const zkey = this.keys.seenAt(sourceId);
    const tx = this.redis.multi();
    if (items.length) tx.zadd(zkey, 'XX', ...items.flatMap((item) => [now, entryKey(item)]));
    await tx.exec();
    const stale = await this.redis.zrangebyscore(zkey, '-inf', now - this.retentionMs);
    if (stale.length) {
      await this.redis
        .multi()
        .hdel(this.keys.seen(sourceId), ...stale)
        .zrem(zkey, ...stale)
        .exec();
    }
    return stale.length;
  }
}
