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

  async put(item: WireItem, agency: AgencyVersion | null = null): Promise<void> {
    const state: StoryState = {
      version: item.version,
      sha256: item.body.sha256,
      headlineOriginal: item.headlineOriginal,
      item,
      ...(agency ? { agency } : {}),
    };
    await this.redis.set(this.keys.item(item.id), JSON.stringify(state), 'PX', this.retentionMs);
  }
}

/** Same body and same agency headline, and the story not withheld or canceled: nothing for downstream to do. */
export function isSameVersion(state: StoryState | null, item: WireItem): boolean {
  const live = (state?.item.pubStatus ?? 'usable') === 'usable';
  return state !== null && live && state.sha256 === item.body.sha256 && state.headlineOriginal === item.headlineOriginal;
}
