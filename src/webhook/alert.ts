import { request } from 'undici';
import type { AlertChange } from '../alerts/detect.js';
import type { AlertWebhookOptions } from '../config/schema.js';
import { describeUrl, WEBHOOK_USER_AGENT } from './deliver.js';
import { readNamedEnv } from '../config/env.js';
import { MIN_SECRET_LENGTH } from './worker.js';
import { IDEMPOTENCY_HEADER, signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

/** What the alert webhook receives: the alert as JSON, plus `text` for a Slack-compatible channel. */
export interface AlertPayload {
  type: 'source-alert';
  site: string;
  source: { id: string; name: string; feed: string };
  kind: AlertChange['kind'];
  change: AlertChange['change'];
  message: string;
  /** When the change was seen (ISO). */
  at: string;
  /** One line for a chat channel (Slack `text`). */
  text: string;
}

export function alertPayload(site: string, source: AlertPayload['source'], c: AlertChange, at: Date): AlertPayload {
  const text =
    c.change === 'raised'
      ? `:rotating_light: ${site}: source ${source.id} (${source.name}) is ${c.kind}: ${c.message}`
      : `:white_check_mark: ${site}: source ${source.id} (${source.name}) is no longer ${c.kind}`;
  return {
    type: 'source-alert',
    site,
    source,
    kind: c.kind,
    change: c.change,
    message: c.message,
    at: at.toISOString(),
    text,
  };
}

/**
 * POSTs one alert, signed as the publish webhook signs items (X-Wire-Signature over timestamp and body;
 * Idempotency-Key source:kind:change:time). Resolves with the status on 2xx; throws otherwise. One attempt:
 * the alert is also in the log, the metric and `wire sources list`.
 */
export async function sendAlert(
  p: AlertPayload,
  opts: Pick<AlertWebhookOptions, 'url' | 'timeoutMs'> & { secret: string },
): Promise<number> {
  const body = JSON.stringify(p);
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await request(opts.url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': WEBHOOK_USER_AGENT,
      [SIGNATURE_HEADER.toLowerCase()]: signPayload(body, opts.secret, timestamp),
      [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
      [IDEMPOTENCY_HEADER.toLowerCase()]: `${p.source.id}:${p.kind}:${p.change}:${p.at}`,
    },
    signal: AbortSignal.timeout(opts.timeoutMs),
  });
  await res.body.dump().catch(() => undefined);
  if (res.statusCode < 200 || res.statusCode >= 300)
    throw new Error(`alert webhook ${describeUrl(opts.url)} answered ${res.statusCode}`);
  return res.statusCode;
}

/** The alert webhook's HMAC secret from its environment variable; throws when unset or too short. */
export function alertWebhookSecret(
  hook: Pick<AlertWebhookOptions, 'secretEnv'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const secret = readNamedEnv(hook.secretEnv, env);
  if (!secret)
    throw new Error(
      `alerts.webhook is set but the environment variable ${hook.secretEnv} (its HMAC secret) is empty or unset`,
    );
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`${hook.secretEnv} must be at least ${MIN_SECRET_LENGTH} characters long`);
  return secret;
}
