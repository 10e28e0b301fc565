import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { AlertChange } from '../alerts/detect.js';
import type { AlertWebhookOptions } from '../config/schema.js';
import { describeUrl, WEBHOOK_USER_AGENT } from './deliver.js';
import { readWebhookSecret } from './worker.js';
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

/** A failed alert delivery; `retry` when trying again may help (network error, timeout, 5xx, 429). */
export class AlertDeliveryError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'AlertDeliveryError';
  }
}

/**
 * POSTs one alert, signed as the publish webhook signs items (X-Wire-Signature over timestamp and body;
 * Idempotency-Key source:kind:change:time). Resolves with the status on 2xx; throws otherwise. One attempt
 * (`deliverAlert` tries again).
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
    throw new AlertDeliveryError(
      `alert webhook ${describeUrl(opts.url)} answered ${res.statusCode}`,
      res.statusCode >= 500 || res.statusCode === 429,
    );
  return res.statusCode;
}

/**
 * Delivers one alert with a few tries: up to `attempts`, waiting `backoff` and then twice as long each time,
 * for a network error, a timeout, a 5xx or a 429 (another answer is final). Every try carries the same
 * Idempotency-Key, so a receiver that got an earlier try can ignore the repeat. Resolves with the status and
 * the tries used; throws the last error, with the tries, when none succeeded (the caller logs a WARN: the
 * alert is also in the log, the metric and `wire sources list`).
 */
export async function deliverAlert(
  p: AlertPayload,
  opts: Pick<AlertWebhookOptions, 'url' | 'timeoutMs' | 'attempts' | 'backoff'> & { secret: string },
  onRetry?: (attempt: number, err: Error, waitMs: number) => void,
  /** Aborted (the process is stopping): no further try; the last error is thrown. */
  signal?: AbortSignal,
): Promise<{ status: number; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { status: await sendAlert(p, opts), attempts: attempt };
    } catch (caught) {
      const err = caught as Error;
      const retry = !(err instanceof AlertDeliveryError) || err.retry;
      const final = (why = '') =>
        Object.assign(new Error(`${err.message} (${attempt} attempt${attempt > 1 ? 's' : ''}${why})`), {
          attempts: attempt,
          cause: err,
        });
      if (!retry || attempt >= opts.attempts) throw final();
      if (signal?.aborted) throw final('; stopping');
      const waitMs = opts.backoff * 2 ** (attempt - 1);
      onRetry?.(attempt, err, waitMs);
      try {
        await sleep(waitMs, undefined, { signal });
      } catch {
        throw final('; stopping');
      }
    }
  }
}

/** The alert webhook's HMAC secret from its environment variable; throws when unset or too short. */
export function alertWebhookSecret(
  hook: Pick<AlertWebhookOptions, 'secretEnv'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return readWebhookSecret('alerts.webhook', hook.secretEnv, env);
}
