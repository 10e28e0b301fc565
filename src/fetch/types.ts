export interface FetchRequest {
  /** What we expect, sent as Accept. */
  accept?: string;
  /** Extra request headers (conditional GET validators, ...). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Headers that carry a secret (a source's credentials). Sent only to the host of the URL asked for, never
   * to a redirect target on another host nor over plain http after https; never logged.
   */
  credentials?: Record<string, string>;
  /** Overrides network.maxBytes for this request (e.g. a smaller cap for robots.txt). */
  maxBytes?: number;
}

export interface Redirect {
  from: string;
  to: string;
  status: number;
}

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /** The decompressed body; empty for 304. */
  body: Buffer;
  redirects: Redirect[];
  /** Bytes received on the wire (before decompression). */
  wireBytes: number;
  /** Milliseconds from request start to the last body byte. */
  elapsedMs: number;
}

/**
 * The HTTP client, as everything that makes requests sees it: one `fetch`. The guarded client
 * (createFetcher), its polite wrapper (politeness/polite-fetcher.ts) and tests' stand-ins all are one.
 */
export interface HttpClient {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
}

/** An HTTP client that owns its connections: `close` ends the keep-alive connections, after requests in flight. */
export interface ClosableHttpClient extends HttpClient {
  close(): Promise<void>;
}
