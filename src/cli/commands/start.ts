import { watch, type FSWatcher } from 'node:fs';
import { createServer } from 'node:net';
import type { Logger } from '../../log/index.js';
import { reconcileOnce } from '../../queue/scheduler.js';
import type { Runtime } from '../../runtime.js';
import {
  adminBindRefusal,
  tokensRefusal,
  DEFAULT_ADMIN_HOST,
  DEFAULT_ADMIN_PORT,
  startAdminServer,
  type AdminServer,
} from '../../server/index.js';
import { startWorkers, type WorkerRole } from '../../queue/workers.js';
import type { WebhookOptions } from '../../config/publish.js';
import { startWebhookWorker, webhookSecret } from '../../webhook/worker.js';
import { alertWebhookSecret } from '../../webhook/alert.js';
import { exitNow, loadConfigFor, openRuntime, UsageError } from '../context.js';
import { readEnv } from '../../config/env.js';

function webhookSecretOrUsage(webhook: WebhookOptions): string {
  try {
    return webhookSecret(webhook);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export const ROLES = ['scheduler', 'poll', 'article', 'webhook'] as const;
export type Role = (typeof ROLES)[number];

export function parseRoles(text: string): Role[] {
  const roles = text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0)
    throw new UsageError(`--roles takes a comma-separated list of ${ROLES.join(', ')} (got "${text}")`);
  return roles as Role[];
}

export interface StartOptions {
  config?: string;
  roles?: string;
  watch?: boolean;
  waitForRedis?: string;
  /** false: no admin HTTP in this process (--no-admin). */
  admin?: boolean;
  adminHost?: string;
  adminPort?: string;
}

export interface AdminSettings {
  host: string;
  port: number;
  token: string | undefined;
  /** WIRE_VIEWER_TOKEN: the console's and API's read-only role. */
  viewerToken: string | undefined;
}

/**
 * The admin HTTP's address and token, checked: a port that is not a number, or a non-loopback bind without
 * WIRE_ADMIN_TOKEN, is a UsageError before anything (Redis, workers) is started.
 */
export function adminSettings(
  opts: Pick<StartOptions, 'adminHost' | 'adminPort'>,
  env: NodeJS.ProcessEnv = process.env,
): AdminSettings {
  const host = opts.adminHost ?? readEnv('WIRE_ADMIN_HOST', env) ?? DEFAULT_ADMIN_HOST;
  const portText = opts.adminPort ?? readEnv('WIRE_ADMIN_PORT', env);
  const port =
    portText === undefined || portText === ''
      ? DEFAULT_ADMIN_PORT
      : /^\d{1,5}$/.test(portText.trim())
        ? Number(portText)
        : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`admin port must be a number from 0 to 65535 (got "${portText}")`);
  if (host.trim() === '') throw new UsageError('admin host is empty: give an address such as 127.0.0.1');
  const token = readEnv('WIRE_ADMIN_TOKEN', env);
  const viewerToken = readEnv('WIRE_VIEWER_TOKEN', env);
  const refused = adminBindRefusal(host, token) ?? tokensRefusal(token, viewerToken);
  if (refused) throw new UsageError(refused);
  return { host, port, token, viewerToken };
}

/**
 * Can the admin HTTP listen there? Tried (and let go at once) before Redis and the workers start, so an
 * address this machine does not have, or a port it may not bind, stops the start with nothing running.
 * A port in use is not a refusal: several processes on one host share it (see startAdmin).
 */
export async function adminBindable(a: AdminSettings): Promise<void> {
  const server = createServer();
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen({ host: a.host, port: a.port, exclusive: true }, () => ok());
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') return;
    throw new UsageError(
      `the admin HTTP cannot listen on ${a.host}:${a.port} (${e.code ?? e.message}); use --admin-host/--admin-port or --no-admin`,
    );
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
}

/**
 * The admin HTTP (health, metrics, dashboard, API) on WIRE_ADMIN_HOST:WIRE_ADMIN_PORT (default
 * 127.0.0.1:9464). When several processes share a host the port is taken by the first; the others log
 * that and run without it (their counters are then not scraped: give each its own --admin-port).
 */
async function startAdmin(
  rt: Runtime,
  a: AdminSettings,
  log: Logger,
  reloadConfig: (why: string) => void,
): Promise<AdminServer | null> {
  const { host, port, token, viewerToken } = a;
  try {
    return await startAdminServer(rt, rt.metrics, { host, port, token, viewerToken, reloadConfig });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      log.warn(
        { host, port },
        `admin HTTP not started: ${host}:${port} is in use (another wire process?); use --admin-port`,
      );
      return null;
    }
    throw new UsageError((err as Error).message);
  }
}

/**
 * `wire start`: the long-running service. Every role runs in this process unless --roles narrows it, so
 * one machine needs one command and a larger deployment runs roles separately on as many hosts as needed.
 */
export async function startCommand(opts: StartOptions, log: Logger): Promise<number> {
  // Every setting is checked before anything is started (Redis, workers, the admin HTTP), so a refused
  // or invalid one stops the process with exit code 2 and leaves nothing running.
  const config = loadConfigFor(opts.config, log);
  const webhook = config.wire.publish.webhook;
  const roles = parseRoles(opts.roles ?? (webhook ? 'scheduler,poll,article,webhook' : 'scheduler,poll,article'));
  if (roles.includes('webhook') && !webhook) throw new UsageError('--roles webhook needs publish.webhook in wire.yaml');
  const secret = webhook && roles.includes('webhook') ? webhookSecretOrUsage(webhook) : null;
  // Alerts are checked by the poll and article roles: their webhook's secret must be there before they start.
  const alertHook = config.wire.alerts.webhook;
  if (alertHook && (roles.includes('poll') || roles.includes('article'))) {
    try {
      alertWebhookSecret(alertHook);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const adminAt = opts.admin === false ? null : adminSettings(opts);
  if (adminAt) await adminBindable(adminAt);

  const { rt, shutdown, releaseSignals } = await openRuntime(opts.config, log, {
    processMetrics: true,
    waitForRedis: opts.waitForRedis,
    config,
  });
  // A broken edit must not take the service down: the previous config stays until the file is fixed.
  const reload = (why: string) => {
    try {
      rt.reload(loadConfigFor(opts.config, log));
      log.info({ sources: rt.config.sources.length, why }, 'configuration reloaded');
      if (roles.includes('scheduler'))
        reconcileOnce(rt).catch((err) => log.error({ err }, 'reconciling schedulers failed'));
    } catch (err) {
      log.error({ err, why }, `configuration reload failed; keeping the previous one: ${(err as Error).message}`);
    }
  };
  // The admin HTTP listens before any worker takes a job: if it cannot, nothing has run.
  let admin: AdminServer | null = null;
  let workers: ReturnType<typeof startWorkers>;
  let delivery: ReturnType<typeof startWebhookWorker> | null;
  try {
    // The console reloads this process after it wrote sources.yaml.
    admin = adminAt ? await startAdmin(rt, adminAt, log, reload) : null;
    if (roles.includes('scheduler')) await reconcileOnce(rt);
    workers = startWorkers(
      rt,
      roles.filter((r): r is WorkerRole => r === 'poll' || r === 'article'),
    );
    delivery =
      webhook && secret
        ? startWebhookWorker({ redisUrl: rt.redisUrl, redis: rt.redis, prefix: rt.prefix, webhook, secret, log })
        : null;
  } catch (err) {
    await admin?.close();
    await shutdown();
    throw err;
  }

  process.on('SIGHUP', () => reload('SIGHUP'));
  let watcher: FSWatcher | undefined;
  if (opts.watch) {
    let timer: NodeJS.Timeout | undefined;
    // Editors save in several steps (temp file, rename): wait for the burst to settle.
    watcher = watch(rt.config.dir, (_event, file) => {
      if (file && !/\.ya?ml$/.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => reload(`file changed: ${file}`), 300);
    });
  }
  // Logged once reloads are wired up: an edit made after this line is seen (SIGHUP and the watcher).
  log.info(
    { roles, sources: rt.config.sources.filter((s) => s.enabled).length, admin: admin?.url ?? null },
    'media wire started',
  );

  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down: finishing jobs in flight');
      watcher?.close();
      await Promise.all([workers.close(), delivery?.close(), admin?.close()]);
      await shutdown();
      log.info('stopped');
      resolve(0);
    };
    // The first signal stops gracefully; a second one (a second Ctrl-C) stops at once: jobs in flight go
    // back to the queue when their locks lapse.
    const onSignal = (signal: NodeJS.Signals) =>
      stopping ? exitNow(log, 'second signal while shutting down', signal) : void stop(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    releaseSignals(); // until here a signal stopped the start-up at once
  });
}
