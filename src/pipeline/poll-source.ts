import { describeAuth } from '../config/auth.js';
import { asWireError, WaitSignal } from '../errors.js';
import { tryLock } from '../state/lock.js';
import type { PollContext, PollRequest, PollResult } from './context.js';
import { fetchFeed } from './fetch-feed.js';
import { queueNewEntries } from './new-entries.js';
import { checkSourceAlerts } from './source-alerts.js';
import { configuredSource, deferral } from './source-due.js';
import { deferByRefreshHint, recordPollFailure, recordPollSuccess } from './source-health.js';

/** A URL for a log line: without query and user info (an API's cursor or key may be there). */
function urlForLog(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** How long a poll holds its source's lock: one feed fetch (bounded by bodyTimeoutMs) plus queueing its entries. */
function pollLockTtl(ctx: PollContext): number {
  return ctx.config.wire.network.bodyTimeoutMs + 60_000;
}

/**
 * The poll step: is the source due; fetch and parse its feed; which entries are new; queue them; record
 * its health. Throws the source's own failure as a WireError (after recording it), and a WaitSignal, not
 * recorded, when the poll has to wait for our own host limit.
 */
export async function pollSource(ctx: PollContext, data: PollRequest): Promise<PollResult> {
  const { sourceId } = data;
  const log = ctx.log.child({ sourceId });
  const empty = { sourceId, new: 0, updated: 0, seen: 0, skipped: [], articleJobIds: [] };
  const source = configuredSource(ctx, sourceId);
  if ('outcome' in source) {
    log.info('poll skipped: source is no longer configured or is disabled');
    ctx.metrics.pollDone(sourceId, 'skipped');
    return { ...empty, ...source };
  }
  // Paused by an operator from the console: kept in Redis, so every worker sees it; sources.yaml unchanged.
  const paused = await ctx.health.paused(sourceId);
  if (paused) {
    log.info({ pausedBy: paused.by, pausedAt: paused.at }, 'poll skipped: source paused by an operator');
    ctx.metrics.pollDone(sourceId, 'skipped');
    return { ...empty, outcome: 'skipped', reason: `paused by ${paused.by} at ${paused.at}` };
  }
  // The scheduler queues the next poll when this one starts: a slow feed must not be polled twice at once.
  const lock = await tryLock(ctx.redis, ctx.keys.lock(`poll-${sourceId}`), pollLockTtl(ctx));
  if (!lock) {
    log.info('poll skipped: the previous poll of this source is still running');
    ctx.metrics.pollDone(sourceId, 'skipped');
    return { ...empty, outcome: 'skipped', reason: 'previous poll still running' };
  }
  try {
    const notDue = await deferral(ctx, sourceId, data.force ?? false);
    if (notDue) {
      const { until, ...why } = notDue;
      log.info({ nextPollAfter: new Date(until).toISOString() }, `poll deferred: ${why.reason}`);
      ctx.metrics.pollDone(sourceId, 'deferred');
      return { ...empty, ...why };
    }
    let fetched;
    // A paged API feed (AP next_page) goes on from the cursor the last poll kept.
    const startAt = await ctx.health.nextPage(sourceId, source.feed);
    let startRefused = false;
    try {
      fetched = await fetchFeed(source, ctx.feedFetcher, await ctx.health.validators(sourceId), {
        conditionalGet: ctx.config.wire.polling.conditionalGet,
        maxPages: ctx.config.wire.polling.maxPages,
        startAt,
        onStartRefused: (err) => {
          startRefused = true;
          log.warn(
            { nextPage: urlForLog(startAt!), status: err.status },
            `kept next page refused (HTTP ${err.status}): polling the configured feed URL instead`,
          );
        },
      });
    } catch (caught) {
      // Waiting for our own host limit is not the source's failure: the job is put back (queue/workers runStage).
      if (caught instanceof WaitSignal) throw caught;
      if (startRefused) await ctx.health.setNextPage(sourceId, source.feed, null);
      const err = asWireError(caught);
      await recordPollFailure(ctx, source, err, log);
      await checkSourceAlerts(ctx, sourceId);
      throw err;
    }
    log.debug(
      {
        feed: source.feed,
        status: fetched.status,
        fetchMs: fetched.fetchMs,
        kind: fetched.kind,
        ...(source.auth ? { auth: describeAuth(source.auth) } : {}),
      },
      'feed fetched',
    );
    await deferByRefreshHint(ctx, source, fetched);
    if (fetched.movedTo) {
      log.warn(
        { feed: source.feed, movedTo: fetched.movedTo },
        'feed moved permanently: update its URL in sources.yaml',
      );
    }
    const result: PollResult = {
      ...empty,
      outcome: fetched.kind,
      status: fetched.status,
      skipped: [],
      articleJobIds: [],
    };
    if (fetched.kind === 'feed') {
      const { items, skipped } = fetched.feed;
      for (const s of skipped) {
        log[s.reason.startsWith('held back:') ? 'info' : 'warn'](
          { guid: s.guid, title: s.title },
          `feed entry skipped: ${s.reason}`,
        );
        result.skipped.push({ guid: s.guid, title: s.title, reason: s.reason });
      }
      Object.assign(result, await queueNewEntries(ctx, sourceId, items, log));
    }
    // Kept only once its entries are queued: a poll that dies before starts again where this one did.
    const nextPage = fetched.kind === 'feed' ? fetched.nextPage : startRefused ? null : startAt;
    if (nextPage !== startAt) await ctx.health.setNextPage(sourceId, source.feed, nextPage);
    await recordPollSuccess(ctx, sourceId, fetched, result.articleJobIds.length);
    await ctx.alerts.pollAnswered(sourceId, result.articleJobIds.length, Date.now());
    await checkSourceAlerts(ctx, sourceId);
    ctx.metrics.fetchDuration('feed', fetched.fetchMs / 1000);
    ctx.metrics.pollDone(sourceId, result.outcome);
    if (result.articleJobIds.length) ctx.metrics.itemQueued(sourceId, result.articleJobIds.length);
    log.info({ outcome: result.outcome, new: result.new, updated: result.updated, seen: result.seen }, 'poll done');
    return result;
  } finally {
    await lock.release();
  }
}
