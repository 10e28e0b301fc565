import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { SourceConfig, type LoadedConfig, type Source } from '../config/schema.js';
import { ConfigError, formatProblem } from '../config/load.js';
import { appendSources, defaultEveryMs, setSourceEnabled } from '../config/write.js';
import { renderArticle } from '../consumer/render.js';
import { StoryBusyError } from '../errors.js';
import { createFetcher } from '../fetch/index.js';
import type { Logger } from '../log/index.js';
import { dropHeld, releaseHeld } from '../pipeline/held.js';
import { withdrawStory } from '../pipeline/operator-actions.js';
import { republishStory } from '../queue/republish.js';
import { toPublishPayload } from '../publish/payload.js';
import { actOnFailed } from '../queue/failed-jobs.js';
import { pollNow } from '../queue/poll-now.js';
import type { Queues } from '../queue/queues.js';
import {
  clearedSessionCookie,
  requestRole,
  roleOfToken,
  sessionCookie,
  type Role,
  type Tokens,
} from '../auth/session.js';
import { checkSource } from '../sources/check.js';
import { discoverFeeds, proposeSources } from '../sources/discover.js';
import { yamlEntries, yamlEntry } from '../sources/opml.js';
import type { SourceAlertStore } from '../state/alerts.js';
import type { EditorialStore } from '../state/editorial.js';
import type { HealthStore } from '../state/health.js';
import type { ItemStore } from '../state/items.js';
import type { StateKeys } from '../state/keys.js';
import { itemsChart, pollsChart } from './charts.js';
import {
  matchesFilter,
  problems,
  searchItems,
  sourceDetail,
  sourceLines,
  SOURCE_FILTERS,
  type SourceFilter,
} from './data.js';
import { changed, textDiff } from './diff.js';
import { consoleDir, createViews } from './views.js';

export const LOGIN_PATH = '/login';
export const ASSETS_PATH = '/assets/';

/** Paths the console serves without a session: the login form and its styles and script. */
export function isConsolePublic(path: string): boolean {
  return path === LOGIN_PATH || path === '/logout' || path.startsWith(ASSETS_PATH);
}

/** What the console reads and acts on (the Runtime of the process serving the admin HTTP). */
export interface ConsoleRuntime {
  config: LoadedConfig;
  sources: ReadonlyMap<string, Source>;
  redis: Redis;
  keys: StateKeys;
  queues: Queues;
  health: HealthStore;
  items: ItemStore;
  editorial: EditorialStore;
  alerts?: Pick<SourceAlertStore, 'open'>;
  log: Logger;
}

export interface ConsoleOptions {
  /** The admin and viewer tokens; undefined when the server is open on loopback (no login). */
  tokens?: Tokens;
  /** Reloads this process's config (and its poll schedulers) after the console wrote sources.yaml. */
  reloadConfig?: (why: string) => void;
}

const ITEM_ID = /^[0-9a-f]{32}$/;
const CHECK_ENTRIES = 3;

const ASSET_TYPES: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

type Form = URLSearchParams;

/** A path inside the console to go back to after login or an action: never another site. */
function localPath(next: string | null | undefined, fallback = '/'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

function withMessage(path: string, message: string, kind: 'ok' | 'error' = 'ok'): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.delete('done');
  url.searchParams.delete('failed');
  url.searchParams.set(kind === 'ok' ? 'done' : 'failed', message);
  return `${url.pathname}${url.search}`;
}

function ago(iso: string | null | number): string {
  if (iso === null) return 'never';
  const ms = Date.now() - (typeof iso === 'number' ? iso : Date.parse(iso));
  if (!Number.isFinite(ms)) return String(iso);
  const s = Math.round(ms / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/**
 * The operator console: server-rendered pages under `/` of the admin HTTP (src/console/README.md). Reading
 * works with JavaScript off; every action is a form POST, refused to the viewer role by the admin server's
 * auth hook, and logged here with the role and what it did.
 */
export async function registerConsole(
  app: FastifyInstance,
  rt: ConsoleRuntime,
  opts: ConsoleOptions = {},
): Promise<void> {
  const views = createViews();
  const assets = consoleDir('assets');
  const log = rt.log.child({ component: 'console' });

  /** Every action: one log line with the role, the action and its target, then back to the page with a message. */
  const acted = (req: FastifyRequest, action: string, target: Record<string, unknown>, result: string): void => {
    log.info({ role: requestRole(req), action, ...target, result }, `console action ${action}: ${result}`);
  };

  const page = (reply: FastifyReply, req: FastifyRequest, view: string, data: Record<string, unknown>, code = 200) => {
    const q = req.query as Record<string, string | undefined>;
    const role: Role = requestRole(req);
    const html = views.render(view, {
      ...data,
      role,
      canAct: role === 'admin',
      writeConfig: rt.config.wire.console.writeConfig,
      login: opts.tokens !== undefined,
      siteName: rt.config.wire.site,
      path: req.url,
      flashOk: q.done ?? null,
      flashError: q.failed ?? null,
      ago,
    });
    return reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };

  /**
   * Check and discovery fetch from the network on the operator's behalf: only from a page of this server
   * (a link or image on another site must not make the server fetch, even on an open loopback server).
   */
  const fetchesFromHere = async (req: FastifyRequest, reply: FastifyReply) => {
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site')
      return reply.code(403).send({ error: 'forbidden', message: 'a check is started from the console only' });
  };

  const back = (reply: FastifyReply, path: string, message: string, kind: 'ok' | 'error' = 'ok') =>
    reply
      .code(303)
      .header('location', withMessage(path, message, kind))
      .send();

  await app.register(async (scope) => {
    // Forms post application/x-www-form-urlencoded: read as URLSearchParams (several values per name kept).
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, new URLSearchParams(body as string)),
    );
    const form = (req: FastifyRequest): Form =>
      req.body instanceof URLSearchParams ? req.body : new URLSearchParams();

    scope.get<{ Params: { file: string } }>(`${ASSETS_PATH}:file`, async (req, reply) => {
      const type = ASSET_TYPES[req.params.file];
      if (!type) return reply.code(404).send({ error: 'not-found', message: 'no such asset' });
      return reply
        .type(type)
        .header('cache-control', 'no-cache')
        .send(readFileSync(join(assets, req.params.file)));
    });

    // ---- login -------------------------------------------------------------------------------------
    scope.get<{ Querystring: { next?: string } }>(LOGIN_PATH, async (req, reply) => {
      if (!opts.tokens) return reply.code(303).header('location', localPath(req.query.next)).send();
      return page(reply, req, 'login', { title: 'Log in', next: localPath(req.query.next), error: null });
    });

    scope.post(LOGIN_PATH, async (req, reply) => {
      const f = form(req);
      const next = localPath(f.get('next'));
      if (!opts.tokens) return reply.code(303).header('location', next).send();
      const token = f.get('token') ?? '';
      const role = roleOfToken(token, opts.tokens);
      if (!role) {
        log.warn({ ip: req.ip }, 'console login refused: the token does not match');
        return page(reply, req, 'login', { title: 'Log in', next, error: 'That token does not match.' }, 401);
      }
      log.info({ role, ip: req.ip }, 'console login');
      return reply
        .code(303)
        .header('set-cookie', sessionCookie(token, req.protocol === 'https'))
        .header('location', next)
        .send();
    });

    scope.post('/logout', async (_req, reply) =>
      reply.code(303).header('set-cookie', clearedSessionCookie()).header('location', LOGIN_PATH).send(),
    );

    // ---- sources -----------------------------------------------------------------------------------
    scope.get<{ Querystring: { state?: string } }>('/', async (req, reply) => {
      const filter = (SOURCE_FILTERS as readonly string[]).includes(req.query.state ?? '')
        ? (req.query.state as SourceFilter)
        : 'all';
      const lines = await sourceLines(rt);
      const counts = Object.fromEntries(
        SOURCE_FILTERS.map((f) => [f, lines.filter((l) => matchesFilter(l, f)).length]),
      );
      return page(reply, req, 'sources', {
        title: 'Sources',
        filter,
        filters: SOURCE_FILTERS,
        counts,
        lines: lines.filter((l) => matchesFilter(l, filter)),
        configProblems: rt.config.problems.map(formatProblem),
        itemsChart,
        pollsChart,
      });
    });

    const sourceOr404 = (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const source = rt.sources.get(req.params.id);
      if (!source) {
        void page(
          reply,
          req,
          'error',
          { title: 'Not found', message: `No source "${req.params.id}" in the config.` },
          404,
        );
        return null;
      }
      return source;
    };

    const showSource = async (
      req: FastifyRequest<{ Params: { id: string } }>,
      reply: FastifyReply,
      check: Awaited<ReturnType<typeof checkSource>> | null,
    ) => {
      const source = sourceOr404(req, reply);
      if (!source) return reply;
      const detail = await sourceDetail(rt, source);
      return page(reply, req, 'source', {
        title: `Source ${source.id}`,
        ...detail,
        configJson: JSON.stringify(source, null, 2),
        check,
        renderArticle,
        itemsChart,
        pollsChart,
      });
    };

    scope.get<{ Params: { id: string } }>('/sources/:id', async (req, reply) => showSource(req, reply, null));

    // Check reads the feed live and changes nothing: a GET, open to the viewer role too.
    scope.get<{ Params: { id: string } }>('/sources/:id/check', { onRequest: fetchesFromHere }, async (req, reply) => {
      const source = rt.sources.get(req.params.id);
      if (!source) return showSource(req, reply, null);
      const fetcher = createFetcher(rt.config.wire.network);
      try {
        const check = await checkSource({ wire: rt.config.wire, fetcher }, source, CHECK_ENTRIES);
        return await showSource(req, reply, check);
      } finally {
        await fetcher.close();
      }
    });

    scope.post<{ Params: { id: string } }>('/sources/:id/poll', async (req, reply) => {
      const source = sourceOr404(req, reply);
      if (!source) return reply;
      const to = localPath(form(req).get('back'), `/sources/${source.id}`);
      if (!source.enabled) return back(reply, to, `${source.id} is disabled in sources.yaml: not polled`, 'error');
      const jobId = await pollNow(rt, source.id);
      acted(req, 'poll-now', { sourceId: source.id, jobId }, 'poll queued');
      return back(reply, to, `Poll of ${source.id} queued (job ${jobId}).`);
    });

    /**
     * Disable / Enable. With console.writeConfig: true they set `enabled` in sources.yaml (validated, atomic,
     * sources.yaml.bak kept, the rest of the file byte for byte) and reload this process's config; Enable also
     * lifts a pause kept in Redis. With it off they keep a pause in Redis, and a source disabled in sources.yaml
     * cannot be enabled here.
     */
    scope.post<{ Params: { id: string; action: string } }>('/sources/:id/:action(pause|resume)', async (req, reply) => {
      const source = sourceOr404(req, reply);
      if (!source) return reply;
      const to = localPath(form(req).get('back'), `/sources/${source.id}`);
      const role = requestRole(req);
      const enable = req.params.action === 'resume';
      const writeConfig = rt.config.wire.console.writeConfig;
      if (writeConfig && source.enabled !== enable) {
        const action = enable ? 'enable' : 'disable';
        let done;
        try {
          done = setSourceEnabled(rt.config.dir, source.id, enable, { backup: true });
        } catch (err) {
          const why = err instanceof ConfigError ? err.message : (err as Error).message;
          acted(req, action, { sourceId: source.id }, `refused: ${why}`);
          return back(reply, to, `sources.yaml not changed: ${why}`, 'error');
        }
        if (enable) await rt.health.setPaused(source.id, null);
        const line = enable ? 'enabled: false lifted' : 'enabled: false set';
        acted(req, action, { sourceId: source.id, file: done.file, backup: done.backup }, `written (${line})`);
        opts.reloadConfig?.(`console ${enable ? 'enabled' : 'disabled'} source ${source.id}`);
        const when = opts.reloadConfig
          ? 'this process reloaded its config; other wire processes pick it up on SIGHUP or with --watch'
          : 'it takes effect once the config is reloaded (SIGHUP, or wire start --watch)';
        return back(
          reply,
          to,
          `${source.id} ${enable ? 'enabled' : 'disabled'} in ${done.file} (${line}${done.backup ? `; previous file kept as ${done.backup}` : ''}); ${when}.`,
        );
      }
      if (!source.enabled) {
        acted(req, req.params.action, { sourceId: source.id }, 'refused: disabled in sources.yaml');
        return back(
          reply,
          to,
          writeConfig
            ? `${source.id} is already disabled in sources.yaml.`
            : `${source.id} is disabled in sources.yaml (enabled: false): edit the file, or set console.writeConfig: true to enable it here.`,
          'error',
        );
      }
      if (!enable) {
        await rt.health.setPaused(source.id, { by: `console (${role})`, at: new Date().toISOString() });
        acted(req, 'pause', { sourceId: source.id }, 'paused (kept in Redis; sources.yaml unchanged)');
        return back(reply, to, `${source.id} paused: its polls are skipped until resumed (sources.yaml unchanged).`);
      }
      await rt.health.setPaused(source.id, null);
      acted(req, 'resume', { sourceId: source.id }, 'resumed');
      return back(reply, to, `${source.id} resumed.`);
    });

    // ---- add a source --------------------------------------------------------------------------------
    scope.get<{ Querystring: { site?: string } }>('/add', { onRequest: fetchesFromHere }, async (req, reply) => {
      const site = (req.query.site ?? '').trim();
      let proposed = null;
      let error = null;
      if (site) {
        const fetcher = createFetcher(rt.config.wire.network);
        try {
          proposed = proposeSources(rt.config.sources, await discoverFeeds(fetcher, site));
        } catch (err) {
          error = `Could not read ${site}: ${(err as Error).message}`;
        } finally {
          await fetcher.close();
        }
      }
      return page(reply, req, 'add', {
        title: 'Add a source',
        site,
        proposed,
        error,
        check: null,
        entry: null,
        writeConfig: rt.config.wire.console.writeConfig,
      });
    });

    /** The entry the form describes, validated as sources.yaml would, with the file's default interval. */
    const candidate = (q: { id?: string; name?: string; feed?: string }) => {
      const raw = { id: (q.id ?? '').trim(), name: (q.name ?? '').trim(), feed: (q.feed ?? '').trim() };
      const parsed = SourceConfig.safeParse(raw);
      if (!parsed.success)
        return { raw, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
      if (rt.sources.has(raw.id)) return { raw, error: `a source with id "${raw.id}" is already configured` };
      const everyMs = defaultEveryMs(rt.config.dir);
      const source: Source = { ...raw, everyMs, enabled: true, extract: {} };
      return { raw, source, everyMs, error: null };
    };

    scope.get<{ Querystring: { id?: string; name?: string; feed?: string; site?: string } }>(
      '/add/check',
      { onRequest: fetchesFromHere },
      async (req, reply) => {
        const c = candidate(req.query);
        let check = null;
        if (c.source) {
          const fetcher = createFetcher(rt.config.wire.network);
          try {
            check = await checkSource({ wire: rt.config.wire, fetcher }, c.source, CHECK_ENTRIES);
          } finally {
            await fetcher.close();
          }
        }
        return page(reply, req, 'add', {
          title: 'Add a source',
          site: req.query.site ?? '',
          proposed: null,
          error: c.error,
          check,
          entry: c.raw,
          yaml: c.source ? `sources:\n${yamlEntries([c.raw], c.everyMs)}` : null,
          writeConfig: rt.config.wire.console.writeConfig,
          renderArticle,
        });
      },
    );

    scope.post('/add/write', async (req, reply) => {
      const f = form(req);
      const c = candidate({ id: f.get('id') ?? '', name: f.get('name') ?? '', feed: f.get('feed') ?? '' });
      const to = `/add/check?${new URLSearchParams({ id: c.raw.id, name: c.raw.name, feed: c.raw.feed })}`;
      if (!rt.config.wire.console.writeConfig)
        return back(
          reply,
          to,
          'Writing sources.yaml is off (console.writeConfig: false): copy the entry instead.',
          'error',
        );
      if (c.error || !c.source) return back(reply, to, c.error ?? 'invalid entry', 'error');
      try {
        const done = appendSources(
          rt.config.dir,
          [yamlEntry(c.raw, c.everyMs)],
          `added from the console (${requestRole(req)}) on ${new Date().toISOString().slice(0, 10)}`,
          { backup: true },
        );
        acted(
          req,
          'add-source',
          { sourceId: c.raw.id, feed: c.raw.feed, file: done.file, backup: done.backup },
          'written',
        );
        // This process picks the new source up at once; other wire processes on SIGHUP or with --watch.
        opts.reloadConfig?.(`console added source ${c.raw.id}`);
        const when = opts.reloadConfig
          ? 'this process reloaded its config; other wire processes pick it up on SIGHUP or with --watch'
          : 'it is polled once the config is reloaded (SIGHUP, or wire start --watch)';
        return back(
          reply,
          '/',
          `${c.raw.id} added to ${done.file}${done.backup ? ` (previous file kept as ${done.backup})` : ''}; ${when}.`,
        );
      } catch (err) {
        const why = err instanceof ConfigError ? err.message : (err as Error).message;
        acted(req, 'add-source', { sourceId: c.raw.id, feed: c.raw.feed }, `refused: ${why}`);
        return back(reply, to, `sources.yaml not changed: ${why}`, 'error');
      }
    });

    // ---- items ---------------------------------------------------------------------------------------
    scope.get<{ Querystring: { q?: string; source?: string } }>('/items', async (req, reply) => {
      const q = (req.query.q ?? '').trim();
      const source = (req.query.source ?? '').trim();
      const found = await searchItems(rt, q, source);
      return page(reply, req, 'items', {
        title: 'Items',
        q,
        source,
        sourceIds: [...rt.sources.keys()],
        ...found,
      });
    });

    scope.get<{ Params: { id: string } }>('/items/:id', async (req, reply) => {
      const { id } = req.params;
      const state = ITEM_ID.test(id) ? await rt.items.get(id) : null;
      if (!state)
        return page(
          reply,
          req,
          'error',
          { title: 'Not found', message: `No item ${id} (unknown, or older than retention.items).` },
          404,
        );
      const versions = await rt.items.versions(id);
      const history = versions.length ? versions : [state.item];
      const diffs = history.slice(1).map((v, i) => {
        const prev = history[i];
        const headline = textDiff(prev.headline, v.headline);
        const body = textDiff(prev.body.text, v.body.text);
        return {
          from: prev.version,
          to: v.version,
          headline,
          body,
          headlineChanged: changed(headline),
          bodyChanged: changed(body),
        };
      });
      const item = state.item;
      return page(reply, req, 'item', {
        title: item.headline,
        item,
        versions: history,
        diffs: diffs.reverse(),
        group: item.storyGroup ? { id: item.storyGroup, alsoReportedBy: item.alsoReportedBy ?? [] } : null,
        downstream: JSON.stringify(toPublishPayload(item, rt.config.wire.publish), null, 2),
        renderArticle,
      });
    });

    scope.post<{ Params: { id: string } }>('/items/:id/republish', async (req, reply) => {
      const { id } = req.params;
      const to = `/items/${id}`;
      if (!ITEM_ID.test(id)) return back(reply, '/items', 'not an item id', 'error');
      const done = await republishStory(rt, id, `console (${requestRole(req)})`);
      if (!done) return back(reply, to, `No item ${id}.`, 'error');
      acted(
        req,
        'republish',
        { itemId: id, sourceId: done.sourceId, jobId: done.jobId },
        `version ${done.version} queued again`,
      );
      return back(reply, to, `Version ${done.version} queued again as job ${done.jobId}.`);
    });

    scope.post<{ Params: { id: string } }>('/items/:id/withdraw', async (req, reply) => {
      const { id } = req.params;
      const to = `/items/${id}`;
      if (!ITEM_ID.test(id)) return back(reply, '/items', 'not an item id', 'error');
      const reason = (form(req).get('reason') ?? '').trim();
      if (!reason) return back(reply, to, 'A withdrawal needs a reason: it goes downstream with the kill.', 'error');
      let done;
      try {
        done = await withdrawStory(rt, id, reason, `console (${requestRole(req)})`);
      } catch (err) {
        if (err instanceof StoryBusyError) return back(reply, to, `${err.message}; try again`, 'error');
        throw err;
      }
      if (!done) return back(reply, to, `No item ${id}.`, 'error');
      const result =
        done.outcome === 'published'
          ? `withdrawn: version ${done.version} (canceled) queued`
          : 'already withdrawn: nothing queued';
      acted(req, 'withdraw', { itemId: id, sourceId: done.sourceId, reason }, result);
      return back(reply, to, `Story ${result}.`);
    });

    // ---- problems ------------------------------------------------------------------------------------
    scope.get('/problems', async (req, reply) =>
      page(reply, req, 'problems', { title: 'Problems', ...(await problems(rt)) }),
    );

    scope.post<{ Params: { action: string } }>('/problems/failed/:action(retry|drop)', async (req, reply) => {
      const ids = form(req).getAll('id').filter(Boolean);
      if (!ids.length) return back(reply, '/problems', 'No job chosen.', 'error');
      const action = req.params.action as 'retry' | 'drop';
      const done = await actOnFailed(rt, action, ids, { role: requestRole(req) }, rt.log);
      acted(req, `failed-${action}`, { jobIds: done.map((d) => d.id) }, `${done.length} of ${ids.length} job(s)`);
      const missing = ids.length - done.length;
      return back(
        reply,
        '/problems',
        `${action === 'retry' ? 'Retried' : 'Dropped'} ${done.length} job(s)${missing ? `; ${missing} no longer failed` : ''}.`,
      );
    });

    scope.post<{ Params: { id: string; action: string } }>(
      '/problems/held/:id/:action(release|drop)',
      async (req, reply) => {
        const { id, action } = req.params;
        if (!ITEM_ID.test(id)) return back(reply, '/problems', 'not an item id', 'error');
        if (action === 'release') {
          let r;
          try {
            r = await releaseHeld(rt, id);
          } catch (err) {
            if (err instanceof StoryBusyError) return back(reply, '/problems', `${err.message}; try again`, 'error');
            throw err;
          }
          if (!r) return back(reply, '/problems', `Item ${id} is not held.`, 'error');
          acted(req, 'held-release', { itemId: id }, `released: version ${r.version} ${r.outcome}`);
          return back(reply, '/problems', `Released ${id}: version ${r.version} ${r.outcome}.`);
        }
        if (!(await dropHeld(rt, id))) return back(reply, '/problems', `Item ${id} is not held.`, 'error');
        acted(req, 'held-drop', { itemId: id }, 'dropped');
        return back(reply, '/problems', `Dropped ${id}.`);
      },
    );
  });
}
