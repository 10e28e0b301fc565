import type { FastifyReply } from 'fastify';
import { schedulerId } from '../queue/names.js';
import type { ConfigProblem, Source } from '../config/schema.js';
import type { Queues } from '../queue/queues.js';
import {
  checkRedis,
  READY_TIMEOUT_MS,
  redisDown,
  withTimeout,
  type Check,
  type RedisHolder,
} from '../state/redis-check.js';

export { checkRedis, READY_TIMEOUT_MS, redisDown, withTimeout, type Check } from '../state/redis-check.js';

/** What the readiness checks read. */
export interface ReadyRuntime {
  queues: Pick<Queues, 'poll'>;
  config: { sources: Source[]; problems: readonly ConfigProblem[] };
}

export interface Readiness {
  ready: boolean;
  /** Ready, but some source entries were skipped for config errors: the other sources run. */
  degraded: boolean;
  checks: { redis: Check; schedulers: Check; config: Check };
}

/** The answer of a route that needs Redis while it is down: retry later. */
export function redisUnavailable(rt: RedisHolder, reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', '5')
    .send({ error: 'unavailable', message: `redis connection is ${rt.redis.status}` });
}

export interface SchedulerDrift {
  /** Enabled sources without a poll scheduler. */
  missing: string[];
  /** Sources whose scheduler polls at another interval (or for another source) than the config says. */
  stale: string[];
  /** poll-* schedulers of sources that are gone or disabled. */
  extra: string[];
}

/**
 * Read-only twin of reconcileSchedulers: do the poll queue's schedulers match the config this process
 * holds? After a config change they differ until the scheduler role has reconciled.
 */
export async function schedulerDrift(rt: ReadyRuntime): Promise<SchedulerDrift> {
  const drift: SchedulerDrift = { missing: [], stale: [], extra: [] };
  const wanted = new Map(rt.config.sources.filter((s) => s.enabled).map((s) => [schedulerId(s.id), s]));
  const existing = await rt.queues.poll.getJobSchedulers(0, -1);
  const seen = new Set<string>();
  for (const s of existing) {
    if (!s.key.startsWith('poll-')) continue;
    seen.add(s.key);
    const source = wanted.get(s.key);
    if (!source) drift.extra.push(s.key.slice('poll-'.length));
    else if (s.every !== source.everyMs || s.template?.data?.sourceId !== source.id) drift.stale.push(source.id);
  }
  for (const [key, source] of wanted) if (!seen.has(key)) drift.missing.push(source.id);
  return drift;
}

export async function checkSchedulers(
  rt: ReadyRuntime & RedisHolder,
  custom?: () => Promise<boolean> | boolean,
): Promise<Check> {
  try {
    if (custom) {
      return (await withTimeout(custom(), READY_TIMEOUT_MS, 'the scheduler check'))
        ? { ok: true }
        : { ok: false, reason: 'poll schedulers are not in sync with the config' };
    }
    if (redisDown(rt))
      return { ok: false, reason: `cannot read the poll schedulers: redis connection is ${rt.redis.status}` };
    const drift = await withTimeout(schedulerDrift(rt), READY_TIMEOUT_MS, 'reading the poll schedulers');
    if (drift.missing.length + drift.stale.length + drift.extra.length === 0) return { ok: true };
    return {
      ok: false,
      reason: 'poll schedulers differ from the config (the scheduler role reconciles them on start and reload)',
      detail: drift,
    };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

/** Source entries skipped for config errors (each with file, line and reason), as a check. */
export function checkConfig(rt: { config: { problems: readonly ConfigProblem[] } }): Check {
  const problems = rt.config.problems;
  if (problems.length === 0) return { ok: true };
  const n = problems.length;
  return {
    ok: false,
    reason: `${n} config problem${n > 1 ? 's' : ''}: source entries skipped (fix sources.yaml and reload)`,
    detail: problems,
  };
}

/**
 * Ready when Redis answers and the schedulers match the config. Config problems make it degraded, not
 * unready: every valid source is polled and published, and a 503 would only take a working process out of
 * service (or hold a rollout) over one bad entry; the body and `wire_config_problems` say what to fix.
 */
export async function readiness(
  rt: ReadyRuntime & RedisHolder,
  schedulersInSync?: () => Promise<boolean> | boolean,
): Promise<Readiness> {
  const [redis, schedulers] = await Promise.all([checkRedis(rt), checkSchedulers(rt, schedulersInSync)]);
  const config = checkConfig(rt);
  const ready = redis.ok && schedulers.ok;
  return { ready, degraded: ready && !config.ok, checks: { redis, schedulers, config } };
}
