import { formatDuration } from '../config/duration.js';
import type { Source } from '../config/schema.js';
import type { HealthStore, SourceDay, SourceHealth } from './health.js';
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
  /** The last 7 days (UTC), oldest first: polls answered, polls failed, entries queued (the console's charts). */
  days: SourceDay[];
}

/** A source's row from its config and its health. */
export function sourceRow(
  source: Source,
  health: SourceHealth,
  alerts: OpenAlert[] = [],
  days: SourceDay[] = [],
): SourceRow {
  return {
    id: source.id,
    name: source.name,
    feed: source.feed,
    enabled: source.enabled,
    every: formatDuration(source.everyMs),
    health,
    fallbackRate: health.articles ? health.feedFallbacks / health.articles : null,
    alerts,
    days,
  };
}

/** What a source report reads. */
export interface SourceReportState {
  health: Pick<HealthStore, 'get' | 'history'>;
  alerts?: Pick<SourceAlertStore, 'open'>;
}

/** One source's row, read from Redis: what `wire sources list`, /api/sources and the console all show. */
export async function sourceReport(rt: SourceReportState, source: Source): Promise<SourceRow> {
  const [health, alerts, days] = await Promise.all([
    rt.health.get(source.id),
    rt.alerts?.open(source.id) ?? [],
    rt.health.history(source.id, 7),
  ]);
  return sourceRow(source, health, alerts, days);
}

export async function sourceRows(rt: SourceReportState & { config: { sources: Source[] } }): Promise<SourceRow[]> {
  return Promise.all(rt.config.sources.map((s) => sourceReport(rt, s)));
}
