import type { Redis } from 'ioredis';
import type { AlertKind, OpenAlert, SourceFacts } from '../alerts/detect.js';
import type { StateKeys } from './keys.js';

/** How many polls with new entries, and how many article outcomes, are kept per source (the recent history). */
export const NEW_ENTRY_HISTORY = 20;
export const ARTICLE_HISTORY = 120;

/** What the source alerts read and keep in Redis, per source (beside its health hash). */
export class SourceAlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
  ) {}

  private k(sourceId: string, what: 'new-at' | 'articles' | 'alerts'): string {
    return `${this.keys.source(sourceId)}:${what}`;
  }

  /** A poll answered; when it queued entries, one more point of the source's rhythm. */
  async pollAnswered(sourceId: string, queued: number, now: number): Promise<void> {
    const tx = this.redis.multi().hsetnx(this.keys.source(sourceId), 'firstSuccessAt', now);
    if (queued > 0) tx.rpush(this.k(sourceId, 'new-at'), now).ltrim(this.k(sourceId, 'new-at'), -NEW_ENTRY_HISTORY, -1);
    await tx.exec();
  }

  async articleOutcome(sourceId: string, outcome: 'page' | 'feed' | 'refused'): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.k(sourceId, 'articles'), outcome)
      .ltrim(this.k(sourceId, 'articles'), -ARTICLE_HISTORY, -1)
      .exec();
  }

  async facts(sourceId: string): Promise<SourceFacts> {
    const [newAt, articles, fields] = await Promise.all([
      this.redis.lrange(this.k(sourceId, 'new-at'), 0, -1),
      this.redis.lrange(this.k(sourceId, 'articles'), 0, -1),
      this.redis.hmget(
        this.keys.source(sourceId),
        'firstSuccessAt',
        'consecutiveFailures',
        'lastErrorKind',
        'lastError',
        'movedTo',
      ),
    ]);
    const [first, failures, kind, error, movedTo] = fields;
    return {
      newEntryTimes: newAt.map(Number),
      firstSuccessAt: first ? Number(first) : null,
      consecutiveFailures: Number(failures ?? 0),
      lastError: error ? `${kind ?? 'error'}: ${error}` : null,
      articles: articles as SourceFacts['articles'],
      movedTo: movedTo || null,
    };
  }

  async open(sourceId: string): Promise<OpenAlert[]> {
    const raw = await this.redis.hvals(this.k(sourceId, 'alerts'));
    return raw.map((r) => JSON.parse(r) as OpenAlert).sort((a, b) => a.since - b.since);
  }

  /** True for the one process that opened it (several workers may see the same start). */
  async raise(sourceId: string, alert: OpenAlert): Promise<boolean> {
    return (await this.redis.hsetnx(this.k(sourceId, 'alerts'), alert.kind, JSON.stringify(alert))) === 1;
  }

  /** True for the one process that closed it. */
  async clear(sourceId: string, kind: AlertKind): Promise<boolean> {
    return (await this.redis.hdel(this.k(sourceId, 'alerts'), kind)) === 1;
  }
}
