/** The messages between the extraction threads and their pool (page-threads.ts, page-thread.ts). */
import type { WireError } from '../errors.js';
import type { PageResult } from './page.js';

/** Sent once by a thread when its modules are loaded and it takes work. */
export const THREAD_READY = 'ready';

/** An error as plain data: a thrown WireError would lose its kind on the way between threads. */
export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  wire?: { kind: WireError['kind']; retryable: boolean; status?: number; url?: string };
}

export type ThreadAnswer = { ok: true; result: PageResult } | { ok: false; error: ThreadError };
