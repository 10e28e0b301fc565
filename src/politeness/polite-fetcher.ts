import { WireError } from '../errors.js';
import type { FetchRequest, FetchResult, HttpClient } from '../fetch/types.js';
import type { HostLimiter, HostLimits } from './host-limiter.js';

/**
 * Wraps a fetcher so every request first takes a slot from the shared per-host limiter, and a 429/503 with
 * Retry-After blocks that host's page fetches for every process. A host busy for longer than `maxWaitMs`
 * throws HostBusyError (a WaitSignal: the job is put back, no attempt used) instead of holding a worker.
 * `honourBlock: false` is for feeds: a source is held back by its own Retry-After (see the poll stage),
 * and another agency feed on the same host keeps its schedule.
 */
export function politeFetcher(
  inner: HttpClient,
  limiter: HostLimiter,
  limitsFor: (host: string) => HostLimits,
  maxWaitMs: number,
  honourBlock = true,
): HttpClient {
  return {
    async fetch(url: string, req?: FetchRequest): Promise<FetchResult> {
      const host = new URL(url).host;
      // A host busy for longer than maxWaitMs throws HostBusyError: a signal to wait, not a failure.
      const slot = await limiter.acquire(host, limitsFor(host), maxWaitMs, honourBlock);
      try {
        return await inner.fetch(url, req);
      } catch (err) {
        if (err instanceof WireError && (err.status === 429 || err.status === 503) && err.retryAfterMs) {
          await limiter.block(host, err.retryAfterMs);
        }
        throw err;
      } finally {
        await slot.release();
      }
    },
  };
}
