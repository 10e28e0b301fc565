import type { Source } from '../config/schema.js';
import type { PollContext, PollResult } from './context.js';

/** Why a source is not polled now; null when it is due. */
export type NotDue = Pick<PollResult, 'outcome' | 'reason' | 'deferKind'>;

/** The source to poll, or why there is none: it was removed from the config, or disabled. */
export function configuredSource(ctx: Pick<PollContext, 'sources'>, sourceId: string): Source | NotDue {
  const source = ctx.sources.get(sourceId);
  if (!source || !source.enabled) return { outcome: 'skipped', reason: 'source not configured or disabled' };
  return source;
}

/**
 * Whether the source is due: not when it is deferred (its feed's refresh hint, a Retry-After, backoff after
 * failures) until a later time, unless an operator forced the poll.
 */
export async function deferral(
  ctx: Pick<PollContext, 'health'>,
  sourceId: string,
  force: boolean,
  now = Date.now(),
): Promise<(NotDue & { until: number }) | null> {
  const deferred = await ctx.health.deferredUntil(sourceId);
  if (!deferred || deferred.until <= now || force) return null;
  const reason = `${deferred.reason}; next poll after ${new Date(deferred.until).toISOString()}`;
  return { outcome: 'deferred', reason, deferKind: deferred.kind, until: deferred.until };
}
