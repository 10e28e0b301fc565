import type { FastifyInstance } from 'fastify';
import { SourceConfig, type Source } from '../../config/schema.js';
import { ConfigError } from '../../config/load.js';
import { appendSources, defaultEveryMs } from '../../config/write.js';
import { renderArticle } from '../../consumer/render.js';
import { createFetcher } from '../../fetch/index.js';
import { requestRole } from '../../auth/session.js';
import { checkSource } from '../../sources/check.js';
import { discoverFeeds, proposeSources } from '../../sources/discover.js';
import { yamlEntries, yamlEntry } from '../../sources/opml.js';
import { CHECK_ENTRIES, type ConsoleContext, type ConsoleRuntime } from '../page.js';

/** What adding a source reads: the config (network, sources.yaml's folder, writeConfig) and the sources. */
export type AddSourceRuntime = Pick<ConsoleRuntime, 'config' | 'sources'>;

/** `/add` (discovery), `/add/check` (the candidate checked, its sources.yaml entry), `/add/write`. */
export function registerAddSource(scope: FastifyInstance, ctx: ConsoleContext, rt: AddSourceRuntime): void {
  const { page, back, acted, form, fetchesFromHere } = ctx;

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
      ctx.reloadConfig?.(`console added source ${c.raw.id}`);
      const when = ctx.reloadConfig
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
}
