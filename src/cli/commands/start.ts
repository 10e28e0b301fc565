import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../../log/index.js';
import { reconcileOnce } from '../../queue/scheduler.js';
import type { Runtime } from '../../runtime.js';
import { DEFAULT_ADMIN_HOST, DEFAULT_ADMIN_PORT, startAdminServer, type AdminServer } from '../../server/index.js';
import { startWorkers, type WorkerRole } from '../../queue/workers.js';
import type { WebhookOptions } from '../../config/publish.js';
import { startWebhookWorker, webhookSecret } from '../../webhook/worker.js';
import { loadConfigFor, openRuntime, UsageError } from '../context.js';
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
  const roles = text.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) throw new UsageError(`--roles takes a comma-separated list of ${ROLES.join(', ')} (got "${text}")`);
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

/**
 * The admin HTTP (health, metrics, dashboard, API) on WIRE_ADMIN_HOST:WIRE_ADMIN_PORT (default
 * 127.0.0.1:9464). When several processes share a host the port is taken by the first; the others log
 * that and run without it (their counters are then not scraped: give each its own --admin-port).
 */
async function startAdmin(rt: Runtime, opts: StartOptions, log: Logger): Promise<AdminServer | null> {
  const host = opts.adminHost ?? readEnv('WIRE_ADMIN_HOST') ?? DEFAULT_ADMIN_HOST;
  const portText = opts.adminPort ?? readEnv('WIRE_ADMIN_PORT');
  const port = portText === undefined ? DEFAULT_ADMIN_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`admin port must be a number from 0 to 65535 (got "${portText}")`);
  try {
    return await startAdminServer(rt, rt.metrics, { host, port, token: readEnv('WIRE_ADMIN_TOKEN') });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      log.warn({ host, port }, `admin HTTP not started: ${host}:${port} is in use (another wire process?); use --admin-port`);
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
  // Check roles and the webhook secret before anything is started, so a mistake leaves nothing running.
  const config = loadConfigFor(opts.config, log);
  const webhook = config.wire.publish.webhook;
  const roles = parseRoles(opts.roles ?? (webhook ? 'scheduler,poll,article,webhook' : 'scheduler,poll,article'));
  if (roles.includes('webhook') && !webhook) throw new UsageError('--roles webhook needs publish.webhook in wire.yaml');
  const secret = webhook && roles.includes('webhook') ? webhookSecretOrUsage(webhook) : null;

  const { rt, shutdown } = await openRuntime(opts.config, log, { processMetrics: true, waitForRedis: opts.waitForRedis, config });
  if (roles.includes('scheduler')) await reconcileOnce(rt);
  const workers = startWorkers(rt, roles.filter((r): r is WorkerRole => r === 'poll' || r === 'article'));
  const delivery = webhook && secret ? startWebhookWorker({ redisUrl: rt.redisUrl, prefix: rt.prefix, webhook, secret, log }) : null;
  const admin = opts.admin === false ? null : await startAdmin(rt, opts, log);
  log.info({ roles, sources: rt.config.sources.filter((s) => s.enabled).length, admin: admin?.url ?? null }, 'media wire started');

  // A broken edit must not take the service down: the previous config stays until the file is fixed.
  const reload = (why: string) => {
    try {
      rt.reload(loadConfigFor(opts.config, log));
      log.info({ sources: rt.config.sources.length, why }, 'configuration reloaded');
      if (roles.includes('scheduler')) reconcileOnce(rt).catch((err) => log.error({ err }, 'reconciling schedulers failed'));
    } catch (err) {
      log.error({ err, why }, `configuration reload failed; keeping the previous one: ${(err as Error).message}`);
    }
  };
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
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
