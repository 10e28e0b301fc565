import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, formatProblem } from '../../config/load.js';
import { setSourceEnabled } from '../../config/write.js';
import { renderArticle } from '../../consumer/render.js';
import { createFetcher } from '../../fetch/index.js';
import { pollNow } from '../../queue/poll-now.js';
import { requestRole } from '../../auth/session.js';
import { checkSource } from '../../sources/check.js';
import { itemsChart, pollsChart } from '../charts.js';
import {
  matchesFilter,
  sourceDetail,
  sourceLines,
  SOURCE_FILTERS,
  type ConsoleState,
  type SourceFilter,
} from '../data.js';
import { CHECK_ENTRIES, localPath, type ConsoleContext } from '../page.js';

/** What the sources pages read and act on. */
export type SourcesRuntime = ConsoleState & Parameters<typeof pollNow>[0];

/** `/` (every source), `/sources/:id`, its check, poll now, and Disable / Enable. */
export function registerSources(scope: FastifyInstance, ctx: ConsoleContext, rt: SourcesRuntime): void {
  const { page, back, acted, form, fetchesFromHere } = ctx;

  scope.get<{ Querystring: { state?: string } }>('/', async (req, reply) => {
    const filter = (SOURCE_FILTERS as readonly string[]).includes(req.query.state ?? '')
      ? (req.query.state as SourceFilter)
      : 'all';
    const lines = await sourceLines(rt);
    const counts = Object.fromEntries(SOURCE_FILTERS.map((f) => [f, lines.filter((l) => matchesFilter(l, f)).length]));
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
      ctx.reloadConfig?.(`console ${enable ? 'enabled' : 'disabled'} source ${source.id}`);
      const when = ctx.reloadConfig
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
}
