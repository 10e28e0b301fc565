import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sourceReport, type SourceReportState, type SourceRow } from '../state/source-report.js';
import type { Source } from '../config/schema.js';
import { wireItemJsonSchema } from '../item/schema.js';
import type { LoadedConfig } from '../config/schema.js';
import type { HealthStore } from '../state/health.js';
import type { SourceAlertStore } from '../state/alerts.js';
import type { ItemStore } from '../state/items.js';
import { StoryBusyError } from '../errors.js';
import type { EditorialStore } from '../state/editorial.js';
import type { DedupeStore } from '../state/dedupe.js';
import { dropHeld, releaseHeld, type HeldContext } from '../pipeline/held.js';
import type { RedisHolder } from '../state/redis-check.js';
import { READY_TIMEOUT_MS, redisDown, redisUnavailable, withTimeout } from './ready.js';
import { requestRole } from './auth.js';

/**
 * Redis reads wait through a reconnect (maxRetriesPerRequest: null); an HTTP caller should get a 503 it
 * can retry rather than a request that hangs. fastify answers with the error's statusCode.
 */
function fromRedis<T>(p: Promise<T>): Promise<T> {
  return withTimeout(p, 2 * READY_TIMEOUT_MS, 'redis').catch((err: Error) => {
    throw Object.assign(new Error(`state unavailable: ${err.message}`), { statusCode: 503 });
  });
}

/**
 * A source as the API shows it: its full config (with defaults applied) plus the same fields
 * `wire sources list --json` prints, so scripts can read either.
 */
export type SourceView = Source & SourceRow;

export async function sourceView(rt: SourceReportState, source: Source): Promise<SourceView> {
  return { ...source, ...(await fromRedis(sourceReport(rt, source))) };
}

const ITEM_ID = /^[0-9a-f]{32}$/;

/** Read-only JSON API for operators' scripts and downstream systems. */
/** What the admin API reads. */
export interface ApiRuntime extends RedisHolder {
  config: LoadedConfig;
  sources: ReadonlyMap<string, Source>;
  health: HealthStore;
  items: ItemStore;
  editorial: EditorialStore;
  dedupe: Pick<DedupeStore, 'duplicates' | 'duplicateCounts'>;
  alerts?: Pick<SourceAlertStore, 'open'>;
  /** For releasing held items (the publish step). */
  queues: HeldContext['queues'];
  redis: HeldContext['redis'] & RedisHolder['redis'];
  keys: HeldContext['keys'];
  log: HeldContext['log'];
}

export function registerApi(app: FastifyInstance, rt: ApiRuntime): void {
  // Built once: the schema is fixed for the life of the process.
  const schema = wireItemJsonSchema();
  // Routes that read Redis answer 503 at once while it is down rather than wait for the reconnect.
  const needsRedis = {
    onRequest: async (_req: FastifyRequest, reply: FastifyReply) => {
      if (redisDown(rt)) return redisUnavailable(rt, reply);
    },
  };

  app.get('/api/sources', needsRedis, async () => ({
    sources: await Promise.all(rt.config.sources.map((s) => sourceView(rt, s))),
    configProblems: rt.config.problems,
  }));

  app.get<{ Params: { id: string } }>('/api/sources/:id', needsRedis, async (req, reply) => {
    const source = rt.sources.get(req.params.id);
    if (!source)
      return reply
        .code(404)
        .send({ error: 'not-found', message: `no source with id "${req.params.id}" in the config` });
    return sourceView(rt, source);
  });

  app.get<{ Params: { id: string } }>('/api/items/:id', needsRedis, async (req, reply) => {
    const { id } = req.params;
    if (!ITEM_ID.test(id))
      return reply.code(400).send({ error: 'bad-request', message: 'an item id is 32 lowercase hex characters' });
    const state = await fromRedis(rt.items.get(id));
    // Items are kept for retention.items; an older or unknown story is simply not there.
    if (!state)
      return reply
        .code(404)
        .send({ error: 'not-found', message: `no item with id ${id} (unknown, or older than retention.items)` });
    return state.item;
  });

  app.get<{ Querystring: { limit?: string } }>('/api/dropped', needsRedis, async (req) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 100));
    const [dropCounts, dropped] = await fromRedis(
      Promise.all([rt.editorial.dropCounts(), rt.editorial.dropped(limit)]),
    );
    return { dropCounts, dropped };
  });

  // Copies not published as the same story as a published one (dedupe policy first or prefer).
  app.get<{ Querystring: { limit?: string } }>('/api/duplicates', needsRedis, async (req) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 100));
    const [duplicateCounts, duplicates] = await fromRedis(
      Promise.all([rt.dedupe.duplicateCounts(), rt.dedupe.duplicates(limit)]),
    );
    return { policy: rt.config.wire.dedupe?.policy ?? null, duplicateCounts, duplicates };
  });

  app.get('/api/held', needsRedis, async () => ({ held: await fromRedis(rt.editorial.held()) }));

  app.post<{ Params: { id: string; action: string } }>('/api/held/:id/:action', needsRedis, async (req, reply) => {
    const { id, action } = req.params;
    if (!ITEM_ID.test(id))
      return reply.code(400).send({ error: 'bad-request', message: 'an item id is 32 lowercase hex characters' });
    if (action !== 'release' && action !== 'drop')
      return reply.code(404).send({ error: 'not-found', message: 'use /release or /drop' });
    if (action === 'release') {
      let r;
      try {
        r = await releaseHeld(rt, id);
      } catch (err) {
        // Another worker is publishing this story right now: the editor may simply try again.
        if (err instanceof StoryBusyError) return reply.code(409).send({ error: 'busy', message: err.message });
        throw err;
      }
      if (!r) return reply.code(404).send({ error: 'not-found', message: `item ${id} is not held` });
      rt.log.info(
        { role: requestRole(req), action: 'held-release', itemId: id, via: 'api' },
        'api action held-release',
      );
      return { itemId: id, released: true, version: r.version, outcome: r.outcome };
    }
    if (!(await fromRedis(dropHeld(rt, id))))
      return reply.code(404).send({ error: 'not-found', message: `item ${id} is not held` });
    rt.log.info({ role: requestRole(req), action: 'held-drop', itemId: id, via: 'api' }, 'api action held-drop');
    return { itemId: id, dropped: true };
  });

  // Agency stories waiting for their embargo: "held until" each time, soonest first.
  app.get('/api/embargoes', needsRedis, async () => ({
    embargoes: (await rt.items.embargoes()).map((e) => ({ ...e, heldUntil: e.embargo })),
  }));

  app.get('/api/schema', async (_req, reply) =>
    reply.type('application/schema+json; charset=utf-8').send(JSON.stringify(schema)),
  );
}
