import { WireError } from '../errors.js';
import { isDecompressError } from './decompress.js';
import type { NetworkOptions } from './options.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

// A certificate problem does not go away within a job's retry window; do not burn retries on it.
const TLS_PERMANENT = /^(ERR_TLS_CERT|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_SSL_)/;

/** Gives an already-typed error the URL it is about, when it lacks one. */
export function withUrl(err: WireError, url: string): WireError {
  if (err.url !== undefined) return err;
  return new WireError(err.kind, err.message, {
    url,
    retryable: err.retryable,
    cause: err.cause,
    ...(err.status !== undefined ? { status: err.status } : {}),
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
  });
}

/** Turns whatever undici, net, tls or zlib threw into a WireError an operator can act on. */
export function toWireError(err: unknown, url: string, net: NetworkOptions): WireError {
  if (err instanceof WireError) return withUrl(err, url);
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  const host = safeHost(url);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new WireError(
        'timeout',
        `connecting to ${host} timed out after ${net.connectTimeoutMs} ms (network.connectTimeoutMs)`,
        { url, cause: err },
      );
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new WireError(
        'timeout',
        `no response headers within ${net.headersTimeoutMs} ms (network.headersTimeoutMs) from ${url}`,
        { url, cause: err },
      );
    case 'UND_ERR_BODY_TIMEOUT':
      return new WireError(
        'timeout',
        `response body stalled for ${net.bodyTimeoutMs} ms (network.bodyTimeoutMs) from ${url}`,
        { url, cause: err },
      );
    case 'UND_ERR_HEADERS_OVERFLOW':
      return new WireError('too-large', `response headers too large from ${url}`, { url, cause: err });
    case 'UND_ERR_INVALID_ARG':
      // A bad request header from our own caller: a bug, and retrying cannot fix it.
      return new WireError('internal', `invalid request to ${url}: ${message}`, { url, cause: err, retryable: false });
  }
  if (isDecompressError(err)) {
    return new WireError('parse', `corrupt compressed body from ${url}: ${message}`, { url, cause: err });
  }
  if (TLS_PERMANENT.test(code)) {
    return new WireError('network', `TLS error from ${host}: ${message}`, { url, cause: err, retryable: false });
  }
  if (code === 'ENOTFOUND') {
    return new WireError('network', `cannot resolve host ${host}`, { url, cause: err });
  }
  if (NETWORK_CODES.has(code)) {
    return new WireError('network', `${message} (${code}) from ${url}`, { url, cause: err });
  }
  return new WireError('network', `request to ${url} failed: ${message}`, { url, cause: err });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
