/**
 * Same-story store in Redis: what `src/dedupe/` compares, kept over a window (issue 15).
 *
 * Keys (src/state/keys.ts; on a Cluster the part in braces is the hash tag):
 * - `dedupe:item:{<itemId>}` hash: source, storyGroup, signature (base64), shingle count, headline, URL,
 *   agency id, time;
 * - `dedupe:band:<band key>`, `dedupe:url:<normalised URL>`, `dedupe:agency:<agency id>` sorted sets: item id
 *   scored by time (one key each: on a Cluster they spread over the slots, and no command spans two of them);
 * - `dedupe:group:{<groupId>}` string (JSON): the group's members, oldest first, and its published copy;
 * - the duplicates list and counts (copies not published), one hash tag so that one MULTI writes both.
 * Every key but the duplicates expires one window after its last write; a lookup reads only members younger
 * than the window, so at most 64 + 2 sorted-set reads and the hashes of the candidates found: the cost does
 * not grow with the number of stored items. A group's id is the id of its first item. On one Redis an item's
 * index reads and writes are one Lua script each (the keys it names are the ones it touches); on a Cluster
 * they are single commands sent together.
 *
 * No lock here: the pipeline step (src/pipeline/story-group.ts) makes lookup + add atomic with a short lock.
 */
import type { Redis } from 'ioredis';
import { bandKeys, decodeSignature, encodeSignature } from '../dedupe/minhash.js';
import { compare, normalizeUrl, type DedupeKey, type SameStoryReason } from '../dedupe/match.js';
import type { StateKeys } from './keys.js';

/** Most candidates read per lookup (bucket members beyond it are the oldest and are skipped). */
export const MAX_CANDIDATES = 200;
/** Most members kept per group (the oldest are kept: the first copy matters most). */
export const MAX_MEMBERS = 50;
/** How many duplicate records are kept (newest first); the counts per source are kept in full. */
export const DUPLICATES_KEPT = 1000;

export interface StoryMatch {
  itemId: string;
  sourceId: string;
  storyGroup: string;
  reason: SameStoryReason;
  similarity: number;
}

/** One copy of a group's story. */
export interface GroupMemberRecord {
  itemId: string;
  sourceId: string;
  sourceName: string;
  /** Canonical URL of the copy. */
  url: string;
  /** When it joined (ISO). */
  at: string;
}

export interface StoryGroupRecord {
  id: string;
  /** Every copy seen in the window, oldest first (at most MAX_MEMBERS). */
  members: GroupMemberRecord[];
  /** first and prefer: the copy whose text is the group's published story. */
  published?: { itemId: string; sourceId: string };
  /** first and prefer: the item id the group's story is published under (the first published copy's id). */
  publishedAs?: string;
}

/** A copy not published because it is the same story as a published one. */
export interface DuplicateRecord {
  itemId: string;
  sourceId: string;
  headline: string;
  url: string;
  storyGroup: string;
  /** The published story it duplicates: its id downstream, and the source whose copy it is. */
  sameAs: { itemId: string; sourceId: string };
  /** "same story as <id> from <source>" */
  reason: string;
  /** How the two were matched (canonical-url, agency-id, near-duplicate, near-duplicate+headline, member). */
  matchedBy: string;
  policy: string;
  /** When (ISO). */
  at: string;
}

type Command = [string, ...(string | number)[]];

// One Redis: the index reads and writes of one item as one script each (one command instead of 66 or 198; the
// per-command cost in the client is most of an add). A Cluster gets them as single commands (keys on many slots).
const READ_INDEX = `local out = {}
for i, k in ipairs(KEYS) do
  local ids = redis.call('zrevrangebyscore', k, '+inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
  for _, id in ipairs(ids) do out[#out + 1] = id end
end
return out`;
const WRITE_INDEX = `for i, k in ipairs(KEYS) do
  redis.call('zadd', k, ARGV[1], ARGV[2])
  redis.call('zremrangebyscore', k, '-inf', ARGV[3])
  redis.call('expire', k, ARGV[4])
end
return #KEYS`;

export class DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
    /** window in ms (dedupe.window), or how to read it (a config reload shows in the next call) */
    private readonly window: number | (() => number),
  ) {}

  private get windowMs(): number {
    return typeof this.window === 'number' ? this.window : this.window();
  }

  private k(what: string): string {
    return `${this.keys.dedupe}:${what}`;
  }

  /**
   * Runs independent commands in one round trip: a pipeline on one Redis; on a Cluster, where a pipeline
   * must stay on one node, each command on its own (sent together, each to its slot's master).
   */
  private get cluster(): boolean {
    return (this.redis as { isCluster?: boolean }).isCluster === true;
  }

  private async many(commands: Command[]): Promise<unknown[]> {
    if (this.cluster) {
      return Promise.all(commands.map(([name, ...args]) => this.redis.call(name, ...args)));
    }
    const res = (await this.redis.pipeline(commands).exec()) ?? [];
    return res.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  }

  private indexKeys(key: DedupeKey): string[] {
    const out = bandKeys(key.signature).map((b) => this.k(`band:${b}`));
    const url = key.canonicalUrl ? normalizeUrl(key.canonicalUrl) : undefined;
    if (url) out.push(this.k(`url:${url}`));
    if (key.agencyId) out.push(this.k(`agency:${key.agencyId}`));
    return out;
  }

  /** The best stored same-story item of the window (exact keys first, then highest similarity), if any. */
  async lookup(key: DedupeKey, now: number, excludeItemId?: string): Promise<StoryMatch | undefined> {
    const since = now - this.windowMs;
    const index = this.indexKeys(key);
    const found = this.cluster
      ? ((await this.many(
          index.map((k): Command => ['zrevrangebyscore', k, '+inf', since, 'LIMIT', 0, MAX_CANDIDATES]),
        )) as string[][])
      : [(await this.redis.eval(READ_INDEX, index.length, ...index, since, MAX_CANDIDATES)) as string[]];
    const ids = new Set<string>();
    for (const members of found)
      for (const id of members) if (id !== excludeItemId && ids.size < MAX_CANDIDATES) ids.add(id);
    if (ids.size === 0) return undefined;
    const rows = (await this.many([...ids].map((id): Command => ['hgetall', this.keys.dedupeItem(id)]))).map((r) =>
      hashOf(r),
    );
    let best: StoryMatch | undefined;
    [...ids].forEach((itemId, i) => {
      const row = rows[i];
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

  /** The story group of an item recorded in the window (an earlier version of it, or an earlier attempt). */
  async itemGroup(itemId: string, now: number): Promise<string | undefined> {
    const [group, at] = await this.redis.hmget(this.keys.dedupeItem(itemId), 'group', 'at');
    return group && Number(at) >= now - this.windowMs ? group : undefined;
  }

  /** Records an item (or its new version) in the window under its story group. */
  async add(itemId: string, sourceId: string, storyGroup: string, key: DedupeKey, now: number): Promise<void> {
    const ttl = Math.ceil(this.windowMs / 1000);
    const itemKey = this.keys.dedupeItem(itemId);
    // The item's hash: one key, so one MULTI replaces it whole (a Cluster allows that).
    const tx = await this.redis
      .multi()
      .del(itemKey)
      .hset(itemKey, {
        source: sourceId,
        group: storyGroup,
        signature: encodeSignature(key.signature),
        shingles: key.shingleCount,
        headline: key.headline ?? '',
        url: key.canonicalUrl ?? '',
        agency: key.agencyId ?? '',
        at: now,
      })
      .expire(itemKey, ttl)
      .exec();
    for (const [err] of tx ?? []) if (err) throw err;
    const index = this.indexKeys(key);
    if (!this.cluster) {
      await this.redis.eval(WRITE_INDEX, index.length, ...index, now, itemId, `(${now - this.windowMs}`, ttl);
      return;
    }
    const commands: Command[] = [];
    for (const k of index) {
      commands.push(
        ['zadd', k, now, itemId],
        ['zremrangebyscore', k, '-inf', `(${now - this.windowMs}`],
        ['expire', k, ttl],
      );
    }
    await this.many(commands);
  }

  async group(id: string): Promise<StoryGroupRecord | null> {
    const raw = await this.redis.get(this.keys.dedupeGroup(id));
    return raw ? (JSON.parse(raw) as StoryGroupRecord) : null;
  }

  async putGroup(group: StoryGroupRecord): Promise<void> {
    const members = group.members.slice(0, MAX_MEMBERS);
    await this.redis.set(this.keys.dedupeGroup(group.id), JSON.stringify({ ...group, members }), 'PX', this.windowMs);
  }

  async recordDuplicate(record: DuplicateRecord): Promise<void> {
    const res = await this.redis
      .multi()
      .lpush(this.keys.duplicates, JSON.stringify(record))
      .ltrim(this.keys.duplicates, 0, DUPLICATES_KEPT - 1)
      .hincrby(this.keys.duplicateCounts, record.sourceId, 1)
      .exec();
    for (const [err] of res ?? []) if (err) throw err;
  }

  /** The latest copies not published as duplicates, newest first. */
  async duplicates(limit = 50): Promise<DuplicateRecord[]> {
    const raw = await this.redis.lrange(this.keys.duplicates, 0, Math.max(0, limit - 1));
    return raw.map((r) => JSON.parse(r) as DuplicateRecord);
  }

  /** Copies not published as duplicates, per source, most first. */
  async duplicateCounts(): Promise<{ sourceId: string; count: number }[]> {
    const raw = await this.redis.hgetall(this.keys.duplicateCounts);
    return Object.entries(raw)
      .map(([sourceId, v]) => ({ sourceId, count: Number(v) }))
      .sort((a, b) => b.count - a.count || a.sourceId.localeCompare(b.sourceId));
  }
}

/** HGETALL's answer: an object from ioredis' command, a flat list from `call` on a Cluster. */
function hashOf(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return (value ?? {}) as Record<string, string>;
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < value.length; i += 2) out[String(value[i])] = String(value[i + 1]);
  return out;
}
