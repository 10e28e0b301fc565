import { UnrecoverableError } from 'bullmq';
import { request, type Dispatcher } from 'undici';
import { isRetryableStatus, WireError } from '../errors.js';
import type { PublishPayload } from '../publish/payload.js';
import { publishJobId } from '../queue/names.js';
import { IDEMPOTENCY_HEADER, signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

export const WEBHOOK_USER_AGENT = 'media-wire-webhook/1';

export interface DeliverOptions {
  url: string;
  secret: string;
  /** Whole request, connect to last byte of the response. */
  timeoutMs: number;
  /** Unix seconds for the signature (tests). */
  now?: () => number;
  /** undici dispatcher (tests, proxies); the global one otherwise. */
  dispatcher?: Dispatcher;
}

export interface Delivery {
  status: number;
  idempotencyKey: string;
  ms: number;
}

/** Same story version, same key, on every retry: the receiver drops a repeat it already applied. */
export function idempotencyKey(item: { id: string; version: number }): string {
  return publishJobId(item.id, item.version);
}

/**
 * Origin and path only: a webhook URL can carry a token in its query or user-info, and this string ends up
 * in logs and in the failed set.
 */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

const SNIPPET_BYTES = 300;

/** The start of an error response, so the failed reason says what the receiver objected to. */
async function snippet(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= SNIPPET_BYTES) break; // leaving the loop destroys the stream: no unbounded read
    }
  } catch {
    // A body that fails mid-way still leaves the status to report.
  }
  const text = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
  return text ? `: ${text}` : '';
}

/**
 * POSTs one item as JSON, signed. Resolves on 2xx. Throws otherwise, with the status and URL in the
 * message: an UnrecoverableError for 4xx answers a retry cannot change (so BullMQ does not spend the
 * job's remaining attempts on them), a retryable WireError for 408/425/429/5xx, other statuses, timeouts
 * and network failures. Redirects are not followed: a signed POST should reach the configured URL or fail.
 */
export async function deliverItem(item: PublishPayload, opts: DeliverOptions): Promise<Delivery> {
  const body = JSON.stringify(item);
  const timestamp = opts.now ? opts.now() : Math.floor(Date.now() / 1000);
  const key = idempotencyKey(item);
  const where = describeUrl(opts.url);
  const started = performance.now();
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: Dispatcher.ResponseData;
  try {
    res = await request(opts.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': WEBHOOK_USER_AGENT,
        [SIGNATURE_HEADER.toLowerCase()]: signPayload(body, opts.secret, timestamp),
        [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
        [IDEMPOTENCY_HEADER.toLowerCase()]: key,
      },
      signal,
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    });
  } catch (err) {
    if (signal.aborted)
      throw new WireError('timeout', `webhook POST to ${where} timed out after ${opts.timeoutMs} ms`, {
        url: where,
        cause: err,
      });
    const message = err instanceof Error ? err.message : String(err);
    throw new WireError('network', `webhook POST to ${where} failed: ${message}`, { url: where, cause: err });
  }
  const status = res.statusCode;
  if (status >= 200 && status < 300) {
    await res.body.dump().catch(() => undefined); // free the connection; the answer's content is not ours to use
    return { status, idempotencyKey: key, ms: Math.round(performance.now() - started) };
  }
  const detail = await snippet(res.body);
  if (status >= 400 && status < 500 && !isRetryableStatus(status)) {
    throw new UnrecoverableError(`webhook ${where} answered ${status} (permanent, not retried)${detail}`);
  }
  throw new WireError('http-status', `webhook ${where} answered ${status}${detail}`, {
    status,
    url: where,
    retryable: true,
  });
}
