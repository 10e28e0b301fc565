import type { Redis } from 'ioredis';
import type { WireItem } from '../item/schema.js';
import type { StateKeys } from './keys.js';

/** The rule that dropped or held an item. */
export interface DecidingRule {
  rule: string;
  scope: 'global' | 'source';
  matched: string;
  reason: string;
}

/** A dropped item as `wire status` and the API show it. */
export interface DropRecord extends DecidingRule {
  itemId: string;
  sourceId: string;
  headline: string;
  url: string;
  /** When it was dropped (ISO). */
  at: string;
  /** An editor dropped it from hold (`wire held drop`) rather than a rule. */
  byEditor?: boolean;
  /** It was held longer than held.expireAfter with no editor's decision (rule: the hold rule). */
  expired?: boolean;
}

/** An item kept for an editor: the item as it would be published, and why it waits. */
export interface HeldItem extends DecidingRule {
  item: WireItem;
  /** When it was held (ISO). */
  at: string;
}

/** How many drop records are kept (newest first); the counts per rule are kept in full. */
export const DROPPED_KEPT = 1000;

/** Drops and holds of the editorial rules, in Redis (shared by every worker). */
export class EditorialStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
    /** held.expireAfter in ms, read on each use (a reload shows); undefined: held items never expire. */
    private readonly expireAfterMs: () => number | undefined = () => undefined,
    /** Told of each held item this store expired (the runtime logs it). */
    private readonly onExpired: (held: HeldItem, record: DropRecord) => void = () => {},
  ) {}

  /**
   * Drops the held items older than held.expireAfter, each recorded as a drop (`expired`, counted as
   * "expired"); returns them. Run before every read of the held items, so an expired item is never listed,
   * released or dropped by an editor. Only the caller whose HDEL removes an item records it.
   */
  async expireHeld(now = new Date()): Promise<DropRecord[]> {
    const ms = this.expireAfterMs();
    if (!ms) return [];
    const cutoff = now.getTime() - ms;
    const old = (await this.redis.hvals(this.keys.held))
      .map((r) => JSON.parse(r) as HeldItem)
      .filter((h) => Date.parse(h.at) < cutoff);
    const out: DropRecord[] = [];
    for (const h of old) {
      if ((await this.redis.hdel(this.keys.held, h.item.id)) !== 1) continue;
      const record: DropRecord = {
        rule: h.rule,
        scope: h.scope,
        matched: h.matched,
        reason: `held since ${h.at} with no editor's decision (held.expireAfter); held for: ${h.reason}`,
        itemId: h.item.id,
        sourceId: h.item.source.id,
        headline: h.item.headline,
        url: h.item.source.url,
        at: now.toISOString(),
        expired: true,
      };
      await this.recordDrop(record);
      this.onExpired(h, record);
      out.push(record);
    }
    return out;
  }

  async recordDrop(record: DropRecord): Promise<void> {
    await this.redis
      .multi()
      .lpush(this.keys.dropped, JSON.stringify(record))
      .ltrim(this.keys.dropped, 0, DROPPED_KEPT - 1)
      .hincrby(
        this.keys.dropCounts,
        `${record.sourceId} ${record.byEditor ? 'editor' : record.expired ? 'expired' : record.rule}`,
        1,
      )
      .exec();
  }

  /** The latest drops, newest first. */
  async dropped(limit = 50): Promise<DropRecord[]> {
    const raw = await this.redis.lrange(this.keys.dropped, 0, Math.max(0, limit - 1));
    return raw.map((r) => JSON.parse(r) as DropRecord);
  }

  /** Drops per source and rule ("editor" for an editor's drops from hold, "expired" for held.expireAfter), most first. */
  async dropCounts(): Promise<{ sourceId: string; rule: string; count: number }[]> {
    const raw = await this.redis.hgetall(this.keys.dropCounts);
    return Object.entries(raw)
      .map(([k, v]) => {
        const [sourceId, rule] = k.split(' ');
        return { sourceId, rule, count: Number(v) };
      })
      .sort((a, b) => b.count - a.count || a.sourceId.localeCompare(b.sourceId) || a.rule.localeCompare(b.rule));
  }

  /** Keeps the item for an editor; a newer version of a held story replaces the one held. */
  async hold(held: HeldItem): Promise<void> {
    await this.redis.hset(this.keys.held, held.item.id, JSON.stringify(held));
  }

  /** The items held, oldest first; expired ones are dropped first unless `expire: false` (a dry run changes nothing). */
  async held(opts: { expire?: boolean } = {}): Promise<HeldItem[]> {
    if (opts.expire !== false) await this.expireHeld();
    const raw = await this.redis.hvals(this.keys.held);
    return raw.map((r) => JSON.parse(r) as HeldItem).sort((a, b) => a.at.localeCompare(b.at));
  }

  async getHeld(itemId: string): Promise<HeldItem | null> {
    await this.expireHeld();
    const raw = await this.redis.hget(this.keys.held, itemId);
    return raw ? (JSON.parse(raw) as HeldItem) : null;
  }

  /** Removes a held item; false when it was not (or no longer) held, e.g. another editor got there first. */
  async unhold(itemId: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.held, itemId)) === 1;
  }
}
