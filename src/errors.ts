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

/**
 * Not a failure: a signal that the work must wait and be tried again later, without spending an attempt and
 * without counting against the source's health. One class per reason (as BullMQ has one per control signal:
 * DelayedError, RateLimitError); the queue's `runStage` is the one place that turns any of them into "put the
 * job back for `waitMs`".
 */
export abstract class WaitSignal extends Error {
  /** What is waited for, for the log line ("host busy", ...). */
  abstract readonly what: string;
  constructor(
    message: string,
    /** How long to wait before trying again (ms). */
    readonly waitMs: number,
  ) {
    super(message);
  }
  /** Log fields saying what is waited on. */
  abstract about(): Record<string, string>;
}

/** Our own per-host politeness limit keeps the host busy for longer than a job should wait (politeness.maxHostWait). */
export class HostBusyError extends WaitSignal {
  readonly what = 'host busy';
  constructor(
    readonly host: string,
    waitMs: number,
  ) {
    super(`host ${host} is rate-limited for another ${waitMs} ms`, waitMs);
    this.name = 'HostBusyError';
  }
  about(): Record<string, string> {
    return { host: this.host };
  }
}

/** Another worker holds the story's publish lock (or held it when it died): wait `waitMs` and try again. */
/** An agency story under embargo: its job waits until the embargo time (a delayed job), then publishes. */
export class EmbargoWait extends WaitSignal {
  readonly what = 'embargoed';
  constructor(
    readonly guid: string,
    readonly until: string,
    now: number = Date.now(),
  ) {
    super(`embargoed until ${until}`, Math.max(0, Date.parse(until) - now));
    this.name = 'EmbargoWait';
  }
  about(): Record<string, string> {
    return { heldUntil: this.until };
  }
}

export class StoryBusyError extends WaitSignal {
  readonly what = 'story being published by another worker';
  constructor(
    readonly storyId: string,
    waitMs: number,
  ) {
    super(`story ${storyId} is being published by another worker; will retry in ${Math.ceil(waitMs / 1000)} s`, waitMs);
    this.name = 'StoryBusyError';
  }
  about(): Record<string, string> {
    return { itemId: this.storyId };
  }
}
