import type { Fetcher as FetchClient } from '../fetch/client.js';

/**
 * What the stages need from the HTTP client: only `fetch`. The workers pass the polite, guarded client;
 * tests may pass another.
 */
export type Fetcher = Pick<FetchClient, 'fetch'>;
