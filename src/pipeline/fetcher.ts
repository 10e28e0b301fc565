import type { FetchRequest, FetchResult } from '../fetch/types.js';

/** What the stages need from the HTTP client; the workers pass the real one, tests may pass another. */
export interface Fetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
}
