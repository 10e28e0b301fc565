import type { Source } from '../config/schema.js';
import type { WireError } from '../errors.js';
import type { Logger } from '../log/index.js';
import type { PollContext } from './context.js';
import type { FeedFetch } from './fetch-feed.js';
import { nextPollAfterFailure, nextPollAfterSuccess } from './poll-timing.js';

/**
 * The feed answered: the next poll waits for its refresh hint (Cache-Control max-age, else the feed's ttl),
 * within the polling rules. Recorded before the entries are queued, so a slow queueing does not poll early.
 */
export async function deferByRefreshHint(
  ctx: Pick<PollContext, 'health' | 'config'>,
  source: Source,
  fetched: FeedFetch,
): Promise<void> {
  await ctx.health.deferPolls(
    source.id,
    nextPollAfterSuccess(Date.now(), source.everyMs, fetched.refreshHintSeconds, ctx.config.wire.polling),
    'ttl',
    `the feed asks to be refreshed every ${fetched.refreshHintSeconds} s`,
  );
}

/** The poll is done: the source is healthy again (failures reset), with its validators for the next conditional GET. */
export async function recordPollSuccess(
  ctx: Pick<PollContext, 'health'>,
  sourceId: string,
  fetched: FeedFetch,
  queued: number,
): Promise<void> {
  await ctx.health.pollSucceeded(sourceId, {
    status: fetched.status,
    fetchMs: fetched.fetchMs,
    queued,
    validators: fetched.validators,
    movedTo: fetched.movedTo,
  });
}

/**
 * The source itself failed (its server, its feed, the network to it; never our own waiting): one more
 * consecutive failure, and the next poll backs off, or waits as long as the server asked (Retry-After).
 */
export async function recordPollFailure(
  ctx: Pick<PollContext, 'health' | 'config' | 'metrics'>,
  source: Source,
  err: WireError,
  log: Logger,
): Promise<void> {
  ctx.metrics.pollDone(source.id, 'failed');
  ctx.metrics.failure('poll', err.kind);
  const failures = await ctx.health.pollFailed(source.id, err);
  const next = nextPollAfterFailure(Date.now(), source.everyMs, failures, err.retryAfterMs, ctx.config.wire.polling);
  const kind = err.retryAfterMs ? 'retry-after' : 'backoff';
  const why = err.retryAfterMs
    ? `the server asked to retry after ${Math.round(err.retryAfterMs / 1000)} s`
    : `backing off after ${failures} consecutive failures (last: ${err.message})`;
  await ctx.health.deferPolls(source.id, next, kind, why);
  log.warn(
    {
      err,
      kind: err.kind,
      consecutiveFailures: failures,
      feed: source.feed,
      nextPollAfter: next && new Date(next).toISOString(),
    },
    `poll failed: ${err.message}${next ? ` (${why})` : ''}`,
  );
}
