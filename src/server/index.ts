import type { Redis } from 'ioredis';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WireMetrics } from '../metrics/index.js';
import type { LoadedConfig, Source } from '../config/schema.js';
import type { Logger } from '../log/index.js';
import type { Queues } from '../queue/queues.js';
import type { HealthStore } from '../state/health.js';
import type { EditorialStore } from '../state/editorial.js';
import type { StateKeys } from '../state/keys.js';
import type { ItemStore } from '../state/items.js';
import { registerApi, type ApiRuntime } from './api.js';
import {
  credentialOf,
  crossSiteWrite,
  isLoopbackHost,
  isWrite,
  roleOfToken,
  sessionCookie,
  setRequestRole,
  unauthorized,
  type Area,
  type Role,
  type Tokens,
} from './auth.js';
import { isConsolePublic, LOGIN_PATH, registerConsole, type ConsoleRuntime } from '../console/index.js';
import { DASHBOARD_PATH, registerDashboard } from './dashboard.js';
import { readiness, redisDown, redisUnavailable } from './ready.js';

export { DASHBOARD_PATH } from './dashboard.js';
export { isLoopbackHost } from './auth.js';

export const DEFAULT_ADMIN_HOST = '127.0.0.1';
/** The port Prometheus exporters conventionally take in the 94xx range, clear of the usual 8080 clashes. */
export const DEFAULT_ADMIN_PORT = 9464;

export interface AdminServerOptions {
  /** WIRE_ADMIN_TOKEN. Unset or empty: every route is open (only allowed on a loopback bind). */
  token?: string;
  /** WIRE_VIEWER_TOKEN: a read-only role (every page and GET route, no action). Needs `token`. */
  viewerToken?: string;
  /** Readiness of the poll schedulers; by default the poll queue's schedulers are compared with the config. */
  schedulersInSync?: () => Promise<boolean> | boolean;
  /** Reloads the process's config (wire start's SIGHUP reload): the console calls it after writing sources.yaml. */
  reloadConfig?: (why: string) => void;
}

/** What the admin server reads (the Runtime of the process serving it). */
interface AdminRuntime extends ConsoleRuntime {
  config: LoadedConfig;
  sources: Map<string, Source>;
  redis: Redis;
  queues: Queues;
  health: HealthStore;
  items: ItemStore;
  editorial: EditorialStore;
  dedupe: ApiRuntime['dedupe'];
  keys: StateKeys;
  log: Logger;
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function hostnameOf(hostHeader: string | undefined): string {
  try {
    return new URL(`http://${hostHeader ?? ''}`).hostname;
  } catch {
    return '';
  }
}

/**
 * Admin pages load nothing from off the machine: not fonts, scripts, styles, images nor API calls. An
 * operator's visit then tells no third party about the admin page, and the page works on a network that
 * blocks CDNs. (Bull Board's inline styles need 'unsafe-inline' for styles; its scripts are files.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `<link ...>` tags that load from another origin (Bull Board's page links a web-font stylesheet on a CDN). */
const OFF_ORIGIN_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>/gi;

/** The page without its off-origin links: the CSP would block them anyway, this saves the console noise. */
export function withoutOffOriginLinks(html: string): string {
  return html.replace(OFF_ORIGIN_LINK, '');
}

function isDashboard(path: string): boolean {
  return path === DASHBOARD_PATH || path.startsWith(`${DASHBOARD_PATH}/`);
}

/** Which credentials a path takes: the API the bearer header only; the dashboard and the console a session too. */
function areaOf(path: string): Area {
  if (path === '/readyz' || path === '/metrics' || path === '/api' || path.startsWith('/api/')) return 'api';
  return isDashboard(path) ? 'dashboard' : 'console';
}

/** Why these tokens may not be used together; null when they may. */
export function tokensRefusal(token: string | undefined, viewerToken: string | undefined): string | null {
  if (viewerToken && !token)
    return 'WIRE_VIEWER_TOKEN is set without WIRE_ADMIN_TOKEN: without an admin token everything is open, so a read-only token would protect nothing';
  if (viewerToken && viewerToken === token) return 'WIRE_VIEWER_TOKEN must differ from WIRE_ADMIN_TOKEN';
  return null;
}

/**
 * The admin HTTP server (not listening yet): health, readiness, Prometheus metrics, the Bull Board
 * dashboard and a read-only JSON API. See src/server/README.md for routes and auth.
 */
export async function buildAdminServer(
  rt: AdminRuntime,
  metrics: WireMetrics,
  opts: AdminServerOptions = {},
): Promise<FastifyInstance> {
  const token = opts.token || undefined;
  const refusedTokens = tokensRefusal(token, opts.viewerToken || undefined);
  if (refusedTokens) throw new Error(refusedTokens);
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; widened so the instance has fastify's default type.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it changes the inferred instance type
    loggerInstance: rt.log.child({ component: 'admin-http' }) as FastifyBaseLogger,
    // Prometheus scrapes and probes every few seconds: logging each request would drown the worker logs.
    // (Through a LogController: the top-level disableRequestLogging option is deprecated, FSTDEP023.)
    logController: new LogController({ disableRequestLogging: true }),
  });

  const tokens: Tokens | undefined = token ? { admin: token, viewer: opts.viewerToken || undefined } : undefined;

  app.addHook('onRequest', async (req, reply) => {
    const path = pathOf(req.url);
    if (path === '/healthz') return;
    const area = areaOf(path);
    const open = isConsolePublic(path); // the login form and the console's styles and script
    let credential: ReturnType<typeof credentialOf>['valid'] = null;
    let role: Role = 'admin';
    if (tokens && !open) {
      // A browser cannot put a bearer header on the dashboard's asset and API requests: the token is
      // given once in the URL, traded for a session cookie, and the URL without it is loaded again.
      const given =
        area === 'dashboard' && req.method === 'GET' ? (req.query as Record<string, unknown>).token : undefined;
      if (typeof given === 'string') {
        if (!roleOfToken(given, tokens)) return unauthorized(reply, true, true);
        reply.header('set-cookie', sessionCookie(given, req.protocol === 'https'));
        const rest = new URLSearchParams(req.url.slice(path.length + 1));
        rest.delete('token');
        const query = rest.toString();
        return reply
          .code(303)
          .header('location', query ? `${path}?${query}` : path)
          .send();
      }
      const found = credentialOf(req, tokens, area);
      if (!found.valid || !found.role) {
        // A person opening a console page in a browser is sent to the login form, then back.
        if (
          area === 'console' &&
          req.method === 'GET' &&
          /text\/html/.test(req.headers.accept ?? '') &&
          !req.headers.authorization
        )
          return reply
            .code(303)
            .header('location', `${LOGIN_PATH}?next=${encodeURIComponent(req.url)}`)
            .send();
        return unauthorized(reply, area === 'dashboard', found.presented);
      }
      credential = found.valid;
      role = found.role;
    } else if (!tokens && !isLoopbackHost(hostnameOf(req.headers.host))) {
      // Open on loopback only: a Host other than a loopback name means a DNS-rebinding page is asking.
      return reply
        .code(421)
        .send({ error: 'misdirected', message: 'without a token this server answers only to loopback host names' });
    }
    setRequestRole(req, role);
    if (credential !== 'bearer' && crossSiteWrite(req)) {
      return reply.code(403).send({ error: 'forbidden', message: 'cross-site requests may not change anything' });
    }
    if (role === 'viewer' && isWrite(req) && !open) {
      rt.log.warn({ role, method: req.method, path }, 'refused: the viewer role may not change anything');
      return reply.code(403).send({
        error: 'forbidden',
        message: 'the viewer role (WIRE_VIEWER_TOKEN) can see everything and change nothing',
      });
    }
    // The dashboard's API reads Redis, and a read waits through a reconnect: answer at once instead.
    if (path.startsWith(`${DASHBOARD_PATH}/api/`) && redisDown(rt)) return redisUnavailable(rt, reply);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof payload === 'string' && type.startsWith('text/html')) return withoutOffOriginLinks(payload);
    return payload;
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const r = await readiness(rt, opts.schedulersInSync);
    return reply
      .code(r.ready ? 200 : 503)
      .send({ status: !r.ready ? 'not ready' : r.degraded ? 'degraded' : 'ready', checks: r.checks });
  });

  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));

  registerApi(app, rt);
  await registerDashboard(app, rt);
  await registerConsole(app, rt, { tokens, reloadConfig: opts.reloadConfig });
  return app;
}

export interface StartAdminOptions extends AdminServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 9464; 0 picks a free port. */
  port?: number;
}

export interface AdminServer {
  app: FastifyInstance;
  /** http://host:port the server listens on. */
  url: string;
  close(): Promise<void>;
}

/** Why the admin HTTP may not listen on `host` with this token (a non-loopback bind needs one); null when it may. */
export function adminBindRefusal(host: string, token: string | undefined): string | null {
  if (token || isLoopbackHost(host)) return null;
  return `refusing to serve the admin HTTP on ${host} without a token: set WIRE_ADMIN_TOKEN, or bind a loopback address (127.0.0.1, ::1, localhost)`;
}

/**
 * Starts the admin server. Refuses a non-loopback bind without a token: the dashboard can empty queues
 * and the API shows the whole config, so nothing reachable from the network may be open.
 */
export async function startAdminServer(
  rt: AdminRuntime,
  metrics: WireMetrics,
  opts: StartAdminOptions = {},
): Promise<AdminServer> {
  const host = opts.host ?? DEFAULT_ADMIN_HOST;
  const port = opts.port ?? DEFAULT_ADMIN_PORT;
  const refused = adminBindRefusal(host, opts.token) ?? tokensRefusal(opts.token, opts.viewerToken);
  if (refused) throw new Error(refused);
  if (opts.token && opts.token.length < 16)
    rt.log.warn('WIRE_ADMIN_TOKEN is shorter than 16 characters: use a long random one (openssl rand -hex 32)');
  const app = await buildAdminServer(rt, metrics, opts);
  const address = await app.listen({ host, port });
  rt.log.info(
    {
      url: address,
      auth: opts.token ? (opts.viewerToken ? 'admin and viewer tokens' : 'bearer token') : 'open (loopback only)',
    },
    'admin HTTP listening',
  );
  return { app, url: address, close: () => app.close() };
}
