import { UnrecoverableError, type Job } from 'bullmq';
import { asWireError, WaitSignal, WireError } from '../errors.js';
import { processArticle } from '../pipeline/article.js';
import { fetchFeed } from '../pipeline/poll.js';
import { entryFingerprint, entryKey } from '../state/seen.js';
import { tryLock } from '../state/lock.js';
import { nextPollAfterFailure, nextPollAfterSuccess } from '../pipeline/poll-timing.js';
import type { Runtime } from '../runtime.js';
import type { ArticleJobData, ArticleJobResult, PollJobData, PollJobResult } from './jobs.js';
import { publishItem } from './publish.js';

/** Article job id: one per feed entry version, so a re-poll that re-adds it is a no-op. */
export function articleJobId(sourceId: string, item: ArticleJobData['item']): string {
  return `${sourceId}-${entryKey(item)}-${entryFingerprint(item)}`;
}

/**
 * Rethrows for BullMQ: permanent failures (404, no article, robots...) skip the remaining attempts, so
 * they reach the failed set at once with their reason instead of hammering the origin.
 */
function failJob(err: WireError): never {
  if (!err.retryable) throw new UnrecoverableError(`${err.kind}: ${err.message}`);
  // The same "<kind>: <message>" form, so a job that failed after its retries shows its class in the
  // failed set too (wire status groups failed jobs by it).
  throw new Error(`${err.kind}: ${err.message}`, { cause: err });
}

function pollLockTtl(rt: Runtime): number {
  const n = rt.config.wire.network;
  // A poll is one feed fetch (bounded by bodyTimeoutMs) plus queueing its entries.
  return n.bodyTimeoutMs + 60_000;
}

/** Poll stage: fetch the feed, queue an article job for each new or changed entry. */
export async function pollSource(rt: Runtime, data: PollJobData): Promise<PollJobResult> {
  const { sourceId } = data;
  const log = rt.log.child({ sourceId });
  const empty = { sourceId, new: 0, updated: 0, seen: 0, skipped: [], articleJobIds: [] };
  const source = rt.sources.get(sourceId);
  if (!source || !source.enabled) {
    log.info('poll skipped: source is no longer configured or is disabled');
    rt.metrics.pollDone(sourceId, 'skipped');
    return { ...empty, outcome: 'skipped', reason: 'source not configured or disabled' };
  }
  // The scheduler queues the next poll when this one starts: a slow feed must not be polled twice at once.
  const lock = await tryLock(rt.redis, rt.keys.lock(`poll-${sourceId}`), pollLockTtl(rt));
  if (!lock) {
    log.info('poll skipped: the previous poll of this source is still running');
    rt.metrics.pollDone(sourceId, 'skipped');
    return { ...empty, outcome: 'skipped', reason: 'previous poll still running' };
  }
  try {
    const now = Date.now();
    const deferred = await rt.health.deferredUntil(sourceId);
    if (deferred && deferred.until > now && !data.force) {
      const reason = `${deferred.reason}; next poll after ${new Date(deferred.until).toISOString()}`;
      log.info({ nextPollAfter: new Date(deferred.until).toISOString() }, `poll deferred: ${reason}`);
      rt.metrics.pollDone(sourceId, 'deferred');
      return { ...empty, outcome: 'deferred', reason, deferKind: deferred.kind };
    }
    const rules = rt.config.wire.polling;
    let fetched;
    try {
      fetched = await fetchFeed(source, rt.feedFetcher, await rt.health.validators(sourceId), { conditionalGet: rules.conditionalGet });
    } catch (caught) {
      // Waiting for our own host limit is not the source's failure: the job is put back (runStage).
      if (caught instanceof WaitSignal) throw caught;
      const err = asWireError(caught);
      rt.metrics.pollDone(sourceId, 'failed');
      rt.metrics.failure('poll', err.kind);
      const failures = await rt.health.pollFailed(sourceId, err);
      const next = nextPollAfterFailure(Date.now(), source.everyMs, failures, err.retryAfterMs, rules);
      const kind = err.retryAfterMs ? 'retry-after' : 'backoff';
      const why = err.retryAfterMs
        ? `the server asked to retry after ${Math.round(err.retryAfterMs / 1000)} s`
        : `backing off after ${failures} consecutive failures (last: ${err.message})`;
      await rt.health.deferPolls(sourceId, next, kind, why);
      log.warn(
        { err, kind: err.kind, consecutiveFailures: failures, feed: source.feed, nextPollAfter: next && new Date(next).toISOString() },
        `poll failed: ${err.message}${next ? ` (${why})` : ''}`,
      );
      failJob(err);
    }
    await rt.health.deferPolls(
      sourceId,
      nextPollAfterSuccess(Date.now(), source.everyMs, fetched.refreshHintSeconds, rules),
      'ttl',
      `the feed asks to be refreshed every ${fetched.refreshHintSeconds} s`,
    );
    if (fetched.movedTo) {
      log.warn({ feed: source.feed, movedTo: fetched.movedTo }, 'feed moved permanently: update its URL in sources.yaml');
    }
    const result: PollJobResult = { ...empty, outcome: fetched.kind, status: fetched.status, skipped: [], articleJobIds: [] };
    if (fetched.kind === 'feed') {
      const { items, skipped } = fetched.feed;
      for (const s of skipped) {
        log.warn({ guid: s.guid, title: s.title }, `feed entry skipped: ${s.reason}`);
        result.skipped.push({ guid: s.guid, title: s.title, reason: s.reason });
      }
      const statuses = await rt.seen.classify(sourceId, items);
      const queued = items.flatMap((item, i) => (statuses[i] === 'seen' ? [] : [{ item, status: statuses[i] as 'new' | 'updated' }]));
      result.seen = items.length - queued.length;
      // In batches (one round trip each), every batch added before its entries are marked seen: after a crash or
      // an error part-way through a batch, the next poll adds the same job ids again, and BullMQ ignores the ones
      // it already has.
      for (let at = 0; at < queued.length; at += QUEUE_BATCH) {
        const batch = queued.slice(at, at + QUEUE_BATCH).map((q) => ({ ...q, jobId: articleJobId(sourceId, q.item) }));
        await rt.queues.article.addBulk(batch.map(({ item, jobId }) => ({ name: 'article', data: { sourceId, item }, opts: { jobId } })));
        await rt.seen.mark(sourceId, batch.map((q) => q.item));
        for (const { item, status, jobId } of batch) {
          result.articleJobIds.push(jobId);
          result[status]++;
          log.info({ guid: item.guid, link: item.link, jobId, status }, 'feed entry queued');
        }
      }
      await rt.seen.touchAndPrune(sourceId, items);
    }
    await rt.health.pollSucceeded(sourceId, {
      status: fetched.status,
      fetchMs: fetched.fetchMs,
      queued: result.articleJobIds.length,
      validators: fetched.validators,
      movedTo: fetched.movedTo,
    });
    rt.metrics.fetchDuration('feed', fetched.fetchMs / 1000);
    rt.metrics.pollDone(sourceId, result.outcome);
    if (result.articleJobIds.length) rt.metrics.itemQueued(sourceId, result.articleJobIds.length);
    log.info({ outcome: result.outcome, new: result.new, updated: result.updated, seen: result.seen }, 'poll done');
    return result;
  } finally {
    await lock.release();
  }
}

/** Feed entries queued per round trip (a feed of thousands is still added in bounded pieces). */
const QUEUE_BATCH = 100;

/** Article stage: page -> WireItem -> publish queue. */
export async function handleArticle(
  rt: Runtime,
  data: ArticleJobData,
  job?: Pick<Job, 'attemptsMade' | 'id'>,
): Promise<ArticleJobResult> {
  const { sourceId, item } = data;
  const log = rt.log.child({ sourceId, guid: item.guid, jobId: job?.id });
  const source = rt.sources.get(sourceId);
  if (!source) failJob(new WireError('config', `source "${sourceId}" is no longer configured`));
  try {
    const built = await processArticle(
      {
        wire: rt.config.wire,
        fetcher: rt.fetcher,
        robots: rt.robots,
        readPage: (work) => rt.readPage(work, log),
        onPageFetched: (ms) => rt.metrics.fetchDuration('page', ms / 1000),
      },
      source,
      item,
    );
    const published = await publishItem(rt, built);
    rt.metrics.articleDone(published.outcome);
    await rt.health.articleDone(sourceId, built.body.origin === 'feed');
    log.info(
      { itemId: built.id, version: published.version, outcome: published.outcome, origin: built.body.origin, method: built.body.method },
      published.outcome === 'published' ? 'item queued for publishing' : 'item unchanged: nothing to publish',
    );
    return { itemId: built.id, ...published, origin: built.body.origin };
  } catch (caught) {
    if (caught instanceof UnrecoverableError) throw caught;
    // Waiting, not failing: for a busy host (politeness) or for a story another worker is publishing (or was,
    // when it died holding the lock). runStage puts the job back; it keeps its attempts, which are for errors.
    if (caught instanceof WaitSignal) throw caught;
    const err = asWireError(caught);
    rt.metrics.failure('article', err.kind);
    log.warn({ err, kind: err.kind, link: item.link, attempt: (job?.attemptsMade ?? 0) + 1 }, `article failed: ${err.message}`);
    failJob(err);
  }
}
