import type { Redis } from 'ioredis';
import type { LoadedConfig, Source } from '../config/schema.js';
import type { WireItem } from '../item/schema.js';
import { failedJobs, groupByReason } from '../queue/failed-jobs.js';
import type { QueueHolder } from '../queue/inspect.js';
import type { SourceAlertStore } from '../state/alerts.js';
import type { EditorialStore, HeldItem } from '../state/editorial.js';
import type { HealthStore, SourceErrorRecord } from '../state/health.js';
import { recentItems, type ItemStore } from '../state/items.js';
import type { StateKeys } from '../state/keys.js';
import { sourceReport, type SourceRow } from '../state/source-report.js';
import type { FailedJob } from '../queue/inspect.js';

/**
 * What the console's pages show, read with the same functions as the CLI and the JSON API: sourceReport
 * (`wire sources list`, /api/sources), recentItems (`wire rules test`), the failed sets (`wire failed`), the
 * held items (`wire held`, /api/held). Nothing here computes a number of its own.
 */

/** What the console reads. */
export interface ConsoleState extends QueueHolder {
  config: LoadedConfig;
  sources: ReadonlyMap<string, Source>;
  redis: Redis;
  keys: StateKeys;
  health: HealthStore;
  items: ItemStore;
  editorial: Pick<EditorialStore, 'held'>;
  alerts?: Pick<SourceAlertStore, 'open'>;
}

/** A source's state at a glance, for the badge and the filter. */
export type SourceState = 'disabled' | 'paused' | 'failing' | 'quiet' | 'new' | 'healthy';
export const SOURCE_FILTERS = ['all', 'failing', 'quiet', 'disabled'] as const;
export type SourceFilter = (typeof SOURCE_FILTERS)[number];

export interface SourceLine extends SourceRow {
  state: SourceState;
}

export function stateOf(row: SourceRow): SourceState {
  if (!row.enabled) return 'disabled';
  if (row.health.paused) return 'paused';
  if (row.health.consecutiveFailures > 0 || row.alerts.some((a) => a.kind === 'failing')) return 'failing';
  if (row.alerts.some((a) => a.kind === 'quiet')) return 'quiet';
  if (!row.health.lastPollAt) return 'new';
  return 'healthy';
}

export function matchesFilter(line: SourceLine, filter: SourceFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'disabled') return line.state === 'disabled' || line.state === 'paused';
  return line.state === filter;
}

export async function sourceLine(rt: ConsoleState, source: Source): Promise<SourceLine> {
  const row = await sourceReport(rt, source);
  return { ...row, state: stateOf(row) };
}

export async function sourceLines(rt: ConsoleState): Promise<SourceLine[]> {
  return Promise.all(rt.config.sources.map((s) => sourceLine(rt, s)));
}

export interface SourceDetail {
  line: SourceLine;
  source: Source;
  errors: SourceErrorRecord[];
  /** Failed article and poll jobs of this source (the failed sets). */
  failed: FailedJob[];
  items: WireItem[];
}

export async function sourceDetail(rt: ConsoleState, source: Source): Promise<SourceDetail> {
  const since = Date.now() - rt.config.wire.retention.items;
  const [line, errors, failed, items] = await Promise.all([
    sourceLine(rt, source),
    rt.health.errors(source.id, 20),
    failedJobs(rt),
    recentItems(rt.redis, rt.keys, since, source.id),
  ]);
  return {
    line,
    source,
    errors,
    failed: failed.map((f) => f.row).filter((r) => r.sourceId === source.id),
    items: items.reverse().slice(0, 20),
  };
}

/** Words of a search, lower-cased; an item matches when its headline (either form) has every one. */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function matchesSearch(item: WireItem, words: string[], sourceId: string): boolean {
  if (sourceId && item.source.id !== sourceId) return false;
  const text = `${item.headline} ${item.headlineOriginal}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** Recent items (kept for retention.items), newest first, filtered by headline words and source. */
export async function searchItems(
  rt: ConsoleState,
  q: string,
  sourceId: string,
  limit = 100,
): Promise<{ items: WireItem[]; total: number }> {
  const since = Date.now() - rt.config.wire.retention.items;
  const words = searchWords(q);
  const all = (await recentItems(rt.redis, rt.keys, since, sourceId || undefined)).reverse();
  const found = all.filter((i) => matchesSearch(i, words, sourceId));
  return { items: found.slice(0, limit), total: found.length };
}

export interface Problems {
  groups: { reasonClass: string; jobs: FailedJob[] }[];
  failedTotal: number;
  held: HeldItem[];
}

export async function problems(rt: ConsoleState): Promise<Problems> {
  const [failed, held] = await Promise.all([failedJobs(rt), rt.editorial.held()]);
  const rows = failed.map((f) => f.row);
  return { groups: groupByReason(rows), failedTotal: rows.length, held };
}
