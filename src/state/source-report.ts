import { formatDuration } from '../config/duration.js';
import type { Source } from '../config/schema.js';
import type { HealthStore, SourceHealth } from './health.js';
import type { SourceAlertStore } from './alerts.js';
import type { OpenAlert } from '../alerts/detect.js';

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
  /** Source alerts open now (quiet, failing, degrading, moved), each with when it started and why. */
  alerts: OpenAlert[];
}

/** A source's row from its config and its health. */
export function sourceRow(source: Source, health: SourceHealth, alerts: OpenAlert[] = []): SourceRow {
  return {
    id: source.id,
    name: source.name,
    feed: source.feed,
    enabled: source.enabled,
    every: formatDuration(source.everyMs),
    health,
    fallbackRate: health.articles ? health.feedFallbacks / health.articles : null,
    alerts,
  };
}

export async function sourceRows(rt: {
  config: { sources: Source[] };
  health: Pick<HealthStore, 'get'>;
  alerts?: Pick<SourceAlertStore, 'open'>;
}): Promise<SourceRow[]> {
  return Promise.all(
    rt.config.sources.map(async (s) => sourceRow(s, await rt.health.get(s.id), (await rt.alerts?.open(s.id)) ?? [])),
  );
}
