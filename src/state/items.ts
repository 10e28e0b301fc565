import type { Redis } from 'ioredis';
import type { WireItem } from '../item/schema.js';
import type { StateKeys } from './keys.js';

/** What is remembered of an agency story's version (the last one seen as current). */
export interface AgencyVersion {
  /** The agency's version as written, or null when the document gives none. */
  version: string | null;
  /** When the agency created this version (ISO 8601), or null. */
  updatedAt: string | null;
}

/** What we remember of a story: enough to tell a new version from a repeat, and the last item itself. */
export interface StoryState {
  version: number;
  sha256: string;
  headlineOriginal: string;
  item: WireItem;
  /** For an agency story: the agency version last seen as current (published, or the same content). */
  agency?: AgencyVersion | null;
}

/** A kill or hold that arrived before any version of the story was published: nothing published, recorded. */
export interface StoryHold {
  pubStatus: 'withheld' | 'canceled';
  note: string | null;
  agency: AgencyVersion | null;
  at: string;
}

/** The newest agency version queued for a story (at poll time), with its embargo. */
export interface QueuedVersion {
  agency: AgencyVersion;
  /** ISO 8601 UTC, or null. */
  embargo: string | null;
  sourceId: string;
  guid: string;
}

/** A story held by an embargo: listed by `wire status` and the API ("held until"). */
export interface EmbargoHold extends QueuedVersion {
  itemId: string;
}

export class ItemStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
    private readonly retentionMs: number,
  ) {}

  async get(itemId: string): Promise<StoryState | null> {
    const raw = await this.redis.get(this.keys.item(itemId));
    return raw ? (JSON.parse(raw) as StoryState) : null;
  }

  async getHold(itemId: string): Promise<StoryHold | null> {
    const raw = await this.redis.get(this.keys.hold(itemId));
    return raw ? (JSON.parse(raw) as StoryHold) : null;
  }

  async putHold(itemId: string, hold: StoryHold): Promise<void> {
    await this.redis.set(this.keys.hold(itemId), JSON.stringify(hold), 'PX', this.retentionMs);
  }

  async latestQueued(itemId: string): Promise<QueuedVersion | null> {
    const raw = await this.redis.get(this.keys.queued(itemId));
    return raw ? (JSON.parse(raw) as QueuedVersion) : null;
  }

  /**
   * Records the newest queued version of a story (the caller has checked it is newer) and its embargo. Two
   * commands, not one MULTI: on a Redis Cluster the story's key and the embargo index are in different slots.
   * The index is only a listing: embargoes() checks each entry against the story's key, so an entry left by a
   * crash between the two is not listed wrongly.
   */
  async putQueued(itemId: string, queued: QueuedVersion): Promise<void> {
    await this.redis.set(this.keys.queued(itemId), JSON.stringify(queued), 'PX', this.retentionMs);
    const until = queued.embargo ? Date.parse(queued.embargo) : NaN;
    if (Number.isFinite(until)) await this.redis.zadd(this.keys.embargoed, until, itemId);
    else await this.redis.zrem(this.keys.embargoed, itemId);
  }

  /** The story is no longer held (killed): it leaves the "held until" listing. */
  async dropEmbargo(itemId: string): Promise<void> {
    await this.redis.zrem(this.keys.embargoed, itemId);
  }

  /** Stories whose newest queued version is embargoed after `now`, soonest first. */
  async embargoes(now: number = Date.now()): Promise<EmbargoHold[]> {
    await this.redis.zremrangebyscore(this.keys.embargoed, '-inf', now);
    const ids = await this.redis.zrangebyscore(this.keys.embargoed, now + 1, '+inf');
    const out: EmbargoHold[] = [];
    for (const itemId of ids) {
      const q = await this.latestQueued(itemId);
      if (q?.embargo && Date.parse(q.embargo) > now) out.push({ itemId, ...q });
    }
    return out;
  }

  async put(item: WireItem, agency: AgencyVersion | null = null): Promise<void> {
    const state: StoryState = {
      version: item.version,
      sha256: item.body.sha256,
      headlineOriginal: item.headlineOriginal,
      item,
      ...(agency ? { agency } : {}),
    };
    // Every published version is kept beside the last (hash version -> item) for the console's diff; the
    // same version written again (an agency version moved on, same content) replaces itself.
    await this.redis
      .multi()
      .set(this.keys.item(item.id), JSON.stringify(state), 'PX', this.retentionMs)
      .hset(this.keys.versions(item.id), String(item.version), JSON.stringify(item))
      .pexpire(this.keys.versions(item.id), this.retentionMs)
      .exec();
  }

  /** Every version of a story still kept (retention.items), oldest first. */
  async versions(itemId: string): Promise<WireItem[]> {
    const all = await this.redis.hvals(this.keys.versions(itemId));
    return all.map((raw) => JSON.parse(raw) as WireItem).sort((a, b) => a.version - b.version);
  }
}

/**
 * The stories whose last version was fetched at or after `since` (ms), optionally of one source: a SCAN of
 * the item keys (read-only; for the rules dry run, not for the hot path).
 */
export async function recentItems(
  redis: Redis,
  keys: StateKeys,
  since: number,
  sourceId?: string,
): Promise<WireItem[]> {
  const out: WireItem[] = [];
  // On a Cluster the stories are spread over the masters: scan each, and read each key on its own (one MGET
  // may not span slots).
  const cluster = (redis as { isCluster?: boolean }).isCluster === true;
  const nodes = cluster ? (redis as unknown as { nodes(role: 'master'): Redis[] }).nodes('master') : [redis];
  const seen = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, scanned] = await node.scan(cursor, 'MATCH', keys.item('*'), 'COUNT', 500);
      cursor = next;
      // SCAN may return a key more than once.
      const found = scanned.filter((k) => !seen.has(k) && seen.add(k));
      if (!found.length) continue;
      const values = cluster ? await Promise.all(found.map((k) => node.get(k))) : await node.mget(...found);
      for (const raw of values) {
        if (!raw) continue;
        const item = (JSON.parse(raw) as StoryState).item;
        if (sourceId && item.source.id !== sourceId) continue;
        if (Date.parse(item.ingest.fetchedAt) < since) continue;
        out.push(item);
      }
    } while (cursor !== '0');
  }
  return out.sort((a, b) => a.ingest.fetchedAt.localeCompare(b.ingest.fetchedAt));
}

/** Same body and same agency headline, and the story not withheld or canceled: nothing for downstream to do. */
export function isSameVersion(state: StoryState | null, item: WireItem): boolean {
  const live = (state?.item.pubStatus ?? 'usable') === 'usable';
  return (
    state !== null && live && state.sha256 === item.body.sha256 && state.headlineOriginal === item.headlineOriginal
  );
}
