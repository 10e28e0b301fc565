import { formatDuration } from '../config/duration.js';
import type { Source } from '../config/schema.js';
import type { HealthStore, SourceHealth } from './health.js';

/** One source as operators see it (`wire sources list`, /api/sources): config facts and health. */
export interface SourceRow {
  id: string;
  name: string;
  feed: string;
  enabled: boolean;
  every: string;
  health: SourceHealth;
  /** Share of articles whose body came from the feed, 0..1, or null before any article. */
  fallbackRate: number | null;
}

/** A source's row from its config and its health. */
export function sourceRow(source: Source, health: SourceHealth): SourceRow {
  return {
    id: source.id,
    name: source.name,
    feed: source.feed,
    enabled: source.enabled,
    every: formatDuration(source.everyMs),
    health,
    fallbackRate: health.articles ? health.feedFallbacks / health.articles : null,
  };
}

export async function sourceRows(rt: {
  config: { sources: Source[] };
  health: Pick<HealthStore, 'get'>;
}): Promise<SourceRow[]> {
  return Promise.all(rt.config.sources.map(async (s) => sourceRow(s, await rt.health.get(s.id))));
}
