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

/** Same body and same agency headline: nothing for downstream to do. */
export function isSameVersion(state: StoryState | null, item: WireItem): boolean {
  return state !== null && state.sha256 === item.body.sha256 && state.headlineOriginal === item.headlineOriginal;
}
