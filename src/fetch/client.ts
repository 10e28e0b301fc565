import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';
import { WireError, isRetryableStatus } from '../errors.js';
import { discardBody, readBody } from './body.js';
import { guardedConnector, type Resolver } from './connector.js';
import { ACCEPT_ENCODING } from './decompress.js';
import { NetworkGuard } from './guard.js';
import { toWireError, withUrl } from './map-error.js';
import type { NetworkOptions } from './options.js';
import { parseRetryAfter } from './retry-after.js';
import type { ClosableHttpClient, FetchRequest, FetchResult, Redirect } from './types.js';

export interface FetcherDeps {
  /** DNS resolver (tests use a fake one to play DNS rebinding or a slow resolver). */
  resolve?: Resolver;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Redirect and error bodies are read only so the connection can be reused; a bigger one is
// not worth it and the connection is dropped instead.
const DISCARD_LIMIT = 64 * 1024;
const ERROR_DRAIN_MS = 1_000;
// Credentials meant for one origin must not follow a redirect to another.
const CROSS_ORIGIN_DROP = ['authorization', 'cookie', 'proxy-authorization'];

export function createFetcher(net: NetworkOptions, deps: FetcherDeps = {}): ClosableHttpClient {
  const guard = new NetworkGuard(net.allowPrivate);
  const agent = new Agent({
    connect: guardedConnector(guard, {
      timeout: net.connectTimeoutMs,
      ...(deps.resolve ? { resolve: deps.resolve } : {}),
    }),
    headersTimeout: net.headersTimeoutMs,
    // undici's bodyTimeout is an idle timer between chunks; the whole-body deadline is ours (below).
    bodyTimeout: net.bodyTimeoutMs,
  });
  return {
    fetch: (url, req = {}) => fetchWithLimits(agent, net, url, req),
    close: () => agent.close(),
  };
}

function parseHttpUrl(raw: string | URL, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new WireError('config', `not a valid URL: ${String(raw)}`, { url: String(raw) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WireError('config', `only http and https URLs can be fetched: ${url.href}`, { url: url.href });
  }
  url.hash = '';
  return url;
}

/** A source's credentials go to its own host only: same host and port, and never from https down to http. */
export function credentialsGoTo(own: URL, hop: URL): boolean {
  return hop.host === own.host && !(own.protocol === 'https:' && hop.protocol !== 'https:');
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function requestHeaders(net: NetworkOptions, req: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': net.userAgent,
    accept: req.accept ?? '*/*',
    'accept-encoding': ACCEPT_ENCODING,
  };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * One fetch: manual redirects (so every hop goes through the guard and the hop limit),
 * a deadline over the whole exchange, byte caps before and after decompression.
 */
async function fetchWithLimits(
  agent: Agent,
  net: NetworkOptions,
  rawUrl: string,
  req: FetchRequest,
): Promise<FetchResult> {
  const started = performance.now();
  const maxBytes = req.maxBytes ?? net.maxBytes;
  let current = parseHttpUrl(rawUrl);

  // bodyTimeoutMs runs from the start of the request, not between chunks: a server that
  // trickles one byte a second never looks idle, yet is cut off here.
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new WireError(
        'timeout',
        `no complete response within ${net.bodyTimeoutMs} ms (network.bodyTimeoutMs) from ${current.href}`,
        { url: current.href },
      ),
    );
  }, net.bodyTimeoutMs);
  const onCallerAbort = () =>
    controller.abort(
      new WireError('network', `request aborted: ${current.href}`, {
        url: current.href,
        cause: req.signal?.reason,
        retryable: true,
      }),
    );
  if (req.signal?.aborted) onCallerAbort();
  else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const { signal } = controller;

  let headers = requestHeaders(net, req);
  const credentials = Object.fromEntries(Object.entries(req.credentials ?? {}).map(([n, v]) => [n.toLowerCase(), v]));
  const ownHost = current;
  const redirects: Redirect[] = [];
  const seen = new Set([current.href]);
  try {
    for (;;) {
      const hopHeaders = credentialsGoTo(ownHost, current) ? { ...headers, ...credentials } : headers;
      const res = await request(current, { dispatcher: agent, method: 'GET', headers: hopHeaders, signal });
      const status = res.statusCode;
      const resHeaders = flattenHeaders(res.headers);

      if (REDIRECT_STATUSES.has(status)) {
        await drain(res.body, signal);
        const next = redirectTarget(current, status, resHeaders.location);
        redirects.push({ from: current.href, to: next.href, status });
        if (seen.has(next.href)) {
          const chain = [...redirects.map((r) => r.from), next.href].join(' -> ');
          throw new WireError('redirect', `redirect loop: ${chain}`, { url: rawUrl });
        }
        if (redirects.length > net.maxRedirects) {
          throw new WireError(
            'redirect',
            `more than ${net.maxRedirects} redirects (network.maxRedirects) starting at ${rawUrl}`,
            { url: rawUrl },
          );
        }
        if (next.origin !== current.origin) {
          headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !CROSS_ORIGIN_DROP.includes(name)));
        }
        seen.add(next.href);
        current = next;
        continue;
      }

      if (status === 304 || (status >= 200 && status < 300)) {
        let body: Buffer = Buffer.alloc(0);
        let wireBytes = 0;
        if (status === 304) {
          await drain(res.body, signal);
        } else {
          const declared = Number(resHeaders['content-length']);
          if (Number.isFinite(declared) && declared > maxBytes) {
            discardBody(res.body);
            throw new WireError(
              'too-large',
              `response body of ${declared} bytes exceeds ${maxBytes} bytes (network.maxBytes) from ${current.href}`,
              { url: current.href },
            );
          }
          ({ body, wireBytes } = await readBody(res.body, {
            contentEncoding: resHeaders['content-encoding'],
            maxBytes,
            url: current.href,
            signal,
          }));
        }
        return {
          url: rawUrl,
          finalUrl: current.href,
          status,
          headers: resHeaders,
          body,
          redirects,
          wireBytes,
          elapsedMs: Math.round(performance.now() - started),
        };
      }

      // Not awaited: a slow error body must not turn a clear "HTTP 500" into a timeout. A short
      // error page is read to its end in the background so the connection can be reused.
      drain(res.body, AbortSignal.timeout(ERROR_DRAIN_MS)).catch(() => {});
      throw statusError(status, resHeaders, current.href);
    }
  } catch (err) {
    // After an abort undici and the streams report assorted AbortErrors; the reason we set is the truth.
    if (signal.aborted && signal.reason instanceof WireError) throw withUrl(signal.reason, current.href);
    throw toWireError(err, current.href, net);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function redirectTarget(from: URL, status: number, location: string | undefined): URL {
  if (!location) {
    throw new WireError('redirect', `HTTP ${status} without a Location header from ${from.href}`, { url: from.href });
  }
  try {
    return parseHttpUrl(location, from);
  } catch (err) {
    const reason = err instanceof WireError ? err.message : String(err);
    throw new WireError('redirect', `bad redirect from ${from.href}: ${reason}`, { url: from.href });
  }
}

function statusError(status: number, headers: Record<string, string>, url: string): WireError {
  const phrase = STATUS_CODES[status];
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  return new WireError('http-status', `HTTP ${status}${phrase ? ` ${phrase}` : ''} from ${url}`, {
    status,
    url,
    retryable: isRetryableStatus(status),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Reads and drops a body we do not want, so a small one frees the connection for reuse. */
async function drain(
  body: { dump(opts: { limit: number; signal: AbortSignal }): Promise<unknown> },
  signal: AbortSignal,
): Promise<void> {
  await body.dump({ limit: DISCARD_LIMIT, signal });
}
