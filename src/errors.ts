/**
 * One error type for everything that can go wrong with a source or an item.
 *
 * `kind` says which class of failure it is (health, metrics and `wire status` group by it);
 * `retryable` says whether trying again later can help: permanent errors (a 404, a page with no
 * article, a page robots.txt forbids) must not burn a job's retries.
 */
export type WireErrorKind =
  | 'config'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'redirect'
  | 'guard'
  | 'http-status'
  | 'not-a-feed'
  | 'parse'
  | 'robots'
  | 'no-article'
  | 'internal';

export interface WireErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  /** HTTP status, when the failure came from a response. */
  status?: number;
  /** Milliseconds the server asked us to wait (Retry-After), when it did. */
  retryAfterMs?: number;
  /** The URL the failure is about. */
  url?: string;
}

const RETRYABLE_BY_DEFAULT: Record<WireErrorKind, boolean> = {
  config: false,
  network: true,
  timeout: true,
  'too-large': false,
  redirect: false,
  guard: false,
  'http-status': false,
  'not-a-feed': false,
  parse: false,
  robots: false,
  'no-article': false,
  internal: true,
};

export class WireError extends Error {
  readonly kind: WireErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly url?: string;

  constructor(kind: WireErrorKind, message: string, opts: WireErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WireError';
    this.kind = kind;
    this.retryable = opts.retryable ?? RETRYABLE_BY_DEFAULT[kind];
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.url !== undefined) this.url = opts.url;
  }
}

/** HTTP statuses where a later attempt may well succeed. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Wraps anything thrown into a WireError, keeping the original as `cause`. */
export function asWireError(err: unknown): WireError {
  if (err instanceof WireError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new WireError('internal', message, { cause: err });
}
