/**
 * Entry point of an extraction thread (see page-threads.ts): reads each PageWork it is sent and answers
 * with the result, or with the error as plain data (a thrown WireError would lose its kind on the way).
 */
import { parentPort } from 'node:worker_threads';
import { WireError } from '../errors.js';
import { readPage, type PageWork } from './page.js';
import { THREAD_READY, type ThreadAnswer, type ThreadError } from './page-thread-protocol.js';

function describe(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const out: ThreadError = { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  if (err instanceof WireError) {
    out.wire = {
      kind: err.kind,
      retryable: err.retryable,
      ...(err.status ? { status: err.status } : {}),
      ...(err.url ? { url: err.url } : {}),
    };
  }
  return out;
}

parentPort?.on('message', (work: PageWork) => {
  let answer: ThreadAnswer;
  try {
    answer = { ok: true, result: readPage(work) };
  } catch (err) {
    answer = { ok: false, error: describe(err) };
  }
  parentPort!.postMessage(answer);
});
parentPort?.postMessage(THREAD_READY);
