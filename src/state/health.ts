import type { Redis } from 'ioredis';
import type { WireError } from '../errors.js';
import type { StateKeys } from './keys.js';

/** A source's health as stored in Redis and shown to operators. */
export interface SourceHealth {
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastErrorKind: string | null;
  lastError: string | null;
  lastStatus: number | null;
  itemsQueued: number;
  /** Entries queued today (UTC). */
  itemsToday: number;
  /** Articles done today (UTC): their item reached the publish queue (or was already there unchanged). */
  publishedToday: number;
  /** Set when the feed answered with a permanent redirect: the operator should update the URL. */
  movedTo: string | null;
  avgFetchMs: number | null;
  /** Items whose body came from the feed because the page gave too little. */
  feedFallbacks: number;
  articles: number;
  /** No poll before this time (ISO), and why: a feed TTL, a Retry-After, or backoff after failures. */
  nextPollAfter: string | null;
  deferReason: string | null;
  /** Set while an operator has paused the source from the console (its polls are skipped). */
  paused: SourcePause | null;
}

/** One day of a source, for the console's 7-day chart: polls that answered, polls that failed, entries queued. */
export interface SourceDay {
  /** YYYY-MM-DD (UTC). */
  date: string;
  pollsOk: number;
  pollsFailed: number;
  items: number;
}

/** A poll failure of a source, as kept in its recent error list. */
export interface SourceErrorRecord {
  /** ISO 8601. */
  at: string;
  /** The WireError kind (network, timeout, http-status, parse, ...): its class. */
  kind: string;
  message: string;
  status: number | null;
}

/** A source an operator paused from the console: polls are skipped until it is resumed (sources.yaml unchanged). */
export interface SourcePause {
  by: string;
  at: string;
}

/** Days of per-day history kept (a week shown, one more so the oldest day is whole). */
export const HISTORY_DAYS = 8;
/** Poll errors kept per source. */
export const ERROR_HISTORY = 50;

/** Why polls of a source are held back: the feed's own refresh hint, a Retry-After, or failures. */
export type DeferKind = 'ttl' | 'retry-after' | 'backoff';

/** HTTP validators kept per source for conditional GET. */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
}

export class HealthStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
  ) {}

  private dayKey(sourceId: string, at: Date): string {
    return `${this.keys.source(sourceId)}:day:${at.toISOString().slice(0, 10)}`;
  }

  private publishedDayKey(sourceId: string, at: Date): string {
    return `${this.keys.source(sourceId)}:published:${at.toISOString().slice(0, 10)}`;
  }

  private historyKey(sourceId: string, at: Date): string {
    return `${this.keys.source(sourceId)}:history:${at.toISOString().slice(0, 10)}`;
  }

  private errorsKey(sourceId: string): string {
    return `${this.keys.source(sourceId)}:errors`;
  }

  /** The last `days` days (UTC), oldest first, today last. */
  async history(sourceId: string, days = 7, now = new Date()): Promise<SourceDay[]> {
    const dates = Array.from({ length: days }, (_, i) => new Date(now.getTime() - (days - 1 - i) * 86_400_000));
    const rows = await Promise.all(dates.map((d) => this.redis.hgetall(this.historyKey(sourceId, d))));
    return rows.map((h, i) => ({
      date: dates[i].toISOString().slice(0, 10),
      pollsOk: Number(h.ok ?? 0),
      pollsFailed: Number(h.failed ?? 0),
      items: Number(h.items ?? 0),
    }));
  }

  /** The source's recent poll failures, newest first. */
  async errors(sourceId: string, limit = ERROR_HISTORY): Promise<SourceErrorRecord[]> {
    const raw = await this.redis.lrange(this.errorsKey(sourceId), 0, limit - 1);
    return raw.map((r) => JSON.parse(r) as SourceErrorRecord);
  }

  async paused(sourceId: string): Promise<SourcePause | null> {
    const raw = await this.redis.hget(this.keys.source(sourceId), 'pausedBy');
    return raw ? (JSON.parse(raw) as SourcePause) : null;
  }

  /** Pauses (a SourcePause) or resumes (null) the source's polls; kept in Redis, sources.yaml is not touched. */
  async setPaused(sourceId: string, pause: SourcePause | null): Promise<void> {
    if (pause) await this.redis.hset(this.keys.source(sourceId), 'pausedBy', JSON.stringify(pause));
    else await this.redis.hdel(this.keys.source(sourceId), 'pausedBy');
  }

  async get(sourceId: string, now = new Date()): Promise<SourceHealth> {
    const [h, today, publishedToday] = await Promise.all([
      this.redis.hgetall(this.keys.source(sourceId)),
      this.redis.get(this.dayKey(sourceId, now)),
      this.redis.get(this.publishedDayKey(sourceId, now)),
    ]);
    const num = (v: string | undefined) => (v === undefined ? null : Number(v));
    const fetches = num(h.fetchCount) ?? 0;
    return {
      lastPollAt: h.lastPollAt ?? null,
      lastSuccessAt: h.lastSuccessAt ?? null,
      consecutiveFailures: num(h.consecutiveFailures) ?? 0,
      lastErrorKind: h.lastErrorKind ?? null,
      lastError: h.lastError ?? null,
      lastStatus: num(h.lastStatus),
      itemsQueued: num(h.itemsQueued) ?? 0,
      itemsToday: Number(today ?? 0),
      publishedToday: Number(publishedToday ?? 0),
      movedTo: h.movedTo ?? null,
      avgFetchMs: fetches ? Math.round((num(h.fetchMsTotal) ?? 0) / fetches) : null,
      feedFallbacks: num(h.feedFallbacks) ?? 0,
      articles: num(h.articles) ?? 0,
      nextPollAfter: h.nextPollAfter ? new Date(Number(h.nextPollAfter)).toISOString() : null,
      deferReason: h.deferReason ?? null,
      paused: h.pausedBy ? (JSON.parse(h.pausedBy) as SourcePause) : null,
    };
  }

  async validators(sourceId: string): Promise<FeedValidators> {
    const [etag, lastModified, bodyHash] = await this.redis.hmget(
      this.keys.source(sourceId),
      'etag',
      'lastModified',
      'bodyHash',
    );
    return { etag, lastModified, bodyHash };
  }

  /**
   * Where the next poll of a paged API feed starts: the last next-page link (cursor) the agency returned for
   * the feed URL `feed`, kept in the source's hash (its hash tag on a Cluster); null when none is kept, or when
   * it was kept for another feed URL (the source's URL was edited since): the configured URL then.
   */
  async nextPage(sourceId: string, feed: string): Promise<string | null> {
    const [url, of] = await this.redis.hmget(this.keys.source(sourceId), 'nextPage', 'nextPageOf');
    return url !== null && of === feed ? url : null;
  }

  /** Keeps (or, with null, forgets) the next-page link the next poll of the feed URL `feed` starts from. */
  async setNextPage(sourceId: string, feed: string, url: string | null): Promise<void> {
    const key = this.keys.source(sourceId);
    if (url === null) await this.redis.hdel(key, 'nextPage', 'nextPageOf');
    else await this.redis.hset(key, { nextPage: url, nextPageOf: feed });
  }

  /** The earliest time the next poll may run (ms since epoch) and why; null clears it. */
  async deferPolls(sourceId: string, until: number | null, kind: DeferKind, reason: string): Promise<void> {
    const key = this.keys.source(sourceId);
    if (until === null) await this.redis.hdel(key, 'nextPollAfter', 'deferReason', 'deferKind');
    else await this.redis.hset(key, { nextPollAfter: until, deferReason: reason, deferKind: kind });
  }

  async deferredUntil(sourceId: string): Promise<{ until: number; kind: DeferKind; reason: string } | null> {
    const [until, kind, reason] = await this.redis.hmget(
      this.keys.source(sourceId),
      'nextPollAfter',
      'deferKind',
      'deferReason',
    );
    return until ? { until: Number(until), kind: (kind ?? 'backoff') as DeferKind, reason: reason ?? '' } : null;
  }

  async pollSucceeded(
    sourceId: string,
    r: { status: number; fetchMs: number; queued: number; validators: FeedValidators; movedTo: string | null },
    now = new Date(),
  ): Promise<void> {
    const key = this.keys.source(sourceId);
    const tx = this.redis.multi();
    tx.hset(key, {
      lastPollAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      consecutiveFailures: 0,
      lastStatus: r.status,
    });
    tx.hdel(key, 'lastError', 'lastErrorKind');
    for (const [field, value] of Object.entries(r.validators)) {
      if (value === null) tx.hdel(key, field);
      else tx.hset(key, field, value);
    }
    if (r.movedTo) tx.hset(key, 'movedTo', r.movedTo);
    else tx.hdel(key, 'movedTo');
    tx.hincrby(key, 'itemsQueued', r.queued);
    if (r.queued) tx.incrby(this.dayKey(sourceId, now), r.queued).expire(this.dayKey(sourceId, now), 3 * 86_400);
    tx.hincrby(key, 'fetchCount', 1);
    tx.hincrby(key, 'fetchMsTotal', Math.round(r.fetchMs));
    const day = this.historyKey(sourceId, now);
    tx.hincrby(day, 'ok', 1);
    if (r.queued) tx.hincrby(day, 'items', r.queued);
    tx.expire(day, HISTORY_DAYS * 86_400);
    await tx.exec();
  }

  async pollFailed(sourceId: string, err: WireError, now = new Date()): Promise<number> {
    const key = this.keys.source(sourceId);
    const [, failures] = (await this.redis
      .multi()
      .hset(key, {
        lastPollAt: now.toISOString(),
        lastErrorKind: err.kind,
        lastError: err.message,
        lastStatus: err.status ?? 0,
      })
      .hincrby(key, 'consecutiveFailures', 1)
      .hincrby(this.historyKey(sourceId, now), 'failed', 1)
      .expire(this.historyKey(sourceId, now), HISTORY_DAYS * 86_400)
      .lpush(
        this.errorsKey(sourceId),
        JSON.stringify({
          at: now.toISOString(),
          kind: err.kind,
          message: err.message,
          status: err.status ?? null,
        } satisfies SourceErrorRecord),
      )
      .ltrim(this.errorsKey(sourceId), 0, ERROR_HISTORY - 1)
      .exec())!.map(([, v]) => v);
    return Number(failures);
  }

  async articleDone(sourceId: string, fromFeed: boolean, now = new Date()): Promise<void> {
    const day = this.publishedDayKey(sourceId, now);
    const tx = this.redis
      .multi()
      .hincrby(this.keys.source(sourceId), 'articles', 1)
      .incr(day)
      .expire(day, 3 * 86_400);
    if (fromFeed) tx.hincrby(this.keys.source(sourceId), 'feedFallbacks', 1);
    await tx.exec();
  }
}
