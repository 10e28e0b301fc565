import type { Redis } from 'ioredis';
import type { WireItem } from '../item/schema.js';
import type { StateKeys } from './keys.js';

/** What we remember of a story: enough to tell a new version from a repeat, and the last item itself. */
export interface StoryState {
  version: number;
  sha256: string;
  headlineOriginal: string;
  item: WireItem;
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

  async put(item: WireItem): Promise<void> {
    const state: StoryState = {
      version: item.version,
      sha256: item.body.sha256,
      headlineOriginal: item.headlineOriginal,
      item,
    };
    await this.redis.set(this.keys.item(item.id), JSON.stringify(state), 'PX', this.retentionMs);
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
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.item('*'), 'COUNT', 500);
    cursor = next;
    if (!found.length) continue;
    for (const raw of await redis.mget(...found)) {
      if (!raw) continue;
      const item = (JSON.parse(raw) as StoryState).item;
      if (sourceId && item.source.id !== sourceId) continue;
      if (Date.parse(item.ingest.fetchedAt) < since) continue;
      out.push(item);
    }
  } while (cursor !== '0');
  return out.sort((a, b) => a.ingest.fetchedAt.localeCompare(b.ingest.fetchedAt));
}

/** Same body and same agency headline: nothing for downstream to do. */
export function isSameVersion(state: StoryState | null, item: WireItem): boolean {
  return state !== null && state.sha256 === item.body.sha256 && state.headlineOriginal === item.headlineOriginal;
}
