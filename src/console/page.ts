import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { LoadedConfig, Source } from '../config/schema.js';
import type { Logger } from '../log/index.js';
import type { Queues } from '../queue/queues.js';
import { requestRole, type Role, type Tokens } from '../auth/session.js';
import type { SourceAlertStore } from '../state/alerts.js';
import type { EditorialStore } from '../state/editorial.js';
import type { HealthStore } from '../state/health.js';
import type { ItemStore } from '../state/items.js';
import type { StateKeys } from '../state/keys.js';
import type { Eta } from 'eta';

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

export const ITEM_ID = /^[0-9a-f]{32}$/;
export const CHECK_ENTRIES = 3;

export type Form = URLSearchParams;

/** A path inside the console to go back to after login or an action: never another site. */
export function localPath(next: string | null | undefined, fallback = '/'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

export function withMessage(path: string, message: string, kind: 'ok' | 'error' = 'ok'): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.delete('done');
  url.searchParams.delete('failed');
  url.searchParams.set(kind === 'ok' ? 'done' : 'failed', message);
  return `${url.pathname}${url.search}`;
}

export function ago(iso: string | null | number): string {
  if (iso === null) return 'never';
  const ms = Date.now() - (typeof iso === 'number' ? iso : Date.parse(iso));
  if (!Number.isFinite(ms)) return String(iso);
  const s = Math.round(ms / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** What every route module shares: rendering, the redirect with a message, the action log line, form reading. */
export interface ConsoleContext {
  /** The console's logger (`component: console`). */
  log: Logger;
  tokens?: Tokens;
  reloadConfig?: (why: string) => void;
  /** Renders a template with the layout's variables (role, canAct, writeConfig, login, siteName, path, flash). */
  page(
    reply: FastifyReply,
    req: FastifyRequest,
    view: string,
    data: Record<string, unknown>,
    code?: number,
  ): FastifyReply;
  /** 303 back to `path` with the outcome as a message. */
  back(reply: FastifyReply, path: string, message: string, kind?: 'ok' | 'error'): FastifyReply;
  /** Every action: one log line with the role, the action and its target. */
  acted(req: FastifyRequest, action: string, target: Record<string, unknown>, result: string): void;
  /** The posted form (application/x-www-form-urlencoded, several values per name kept). */
  form(req: FastifyRequest): Form;
  /**
   * Check and discovery fetch from the network on the operator's behalf: only from a page of this server
   * (a link or image on another site must not make the server fetch, even on an open loopback server).
   */
  fetchesFromHere(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
}

/** What the shared context reads: the config at each request (it is replaced on reload) and the logger. */
export type PageRuntime = Pick<ConsoleRuntime, 'config' | 'log'>;

export function createConsoleContext(rt: PageRuntime, opts: ConsoleOptions, views: Eta): ConsoleContext {
  const log = rt.log.child({ component: 'console' });
  return {
    log,
    tokens: opts.tokens,
    reloadConfig: opts.reloadConfig,
    acted: (req, action, target, result) => {
      log.info({ role: requestRole(req), action, ...target, result }, `console action ${action}: ${result}`);
    },
    page: (reply, req, view, data, code = 200) => {
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
    },
    fetchesFromHere: async (req, reply) => {
      const site = req.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site')
        return reply.code(403).send({ error: 'forbidden', message: 'a check is started from the console only' });
    },
    back: (reply, path, message, kind = 'ok') =>
      reply
        .code(303)
        .header('location', withMessage(path, message, kind))
        .send(),
    form: (req) => (req.body instanceof URLSearchParams ? req.body : new URLSearchParams()),
  };
}
