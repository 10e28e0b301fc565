import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WireError } from '../errors.js';
import type { Logger } from '../log/index.js';
import type { PageResult, PageWork } from './page.js';
import { THREAD_READY, type ThreadAnswer, type ThreadError } from './page-thread-protocol.js';

/**
 * A fixed pool of extraction threads for the article worker. Reading a page (decode, extract, house
 * style) is pure CPU: on the worker's own thread it blocks the event loop that renews BullMQ job locks
 * and fetches the next pages, and one process uses one core. On threads, fetching and Redis go on while
 * pages are read, one process uses every core, and a page that makes the extractor run away is stopped
 * after `timeoutMs` (its thread is terminated and replaced) instead of stalling the worker.
 *
 * Threads start on first use, so roles that never read a page never start one.
 */
export class PageThreads {
  private readonly threads = new Set<Thread>();
  private readonly idle: Thread[] = [];
  private readonly waiting: Task[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly timeoutMs: number,
    private readonly log?: Logger,
    /** The module each thread runs; tests put misbehaving stand-ins here. */
    private readonly entry: URL = THREAD_ENTRY,
  ) {}

  /** `log` is the caller's (with its source and item ids): a timeout or crash is logged there. */
  read(work: PageWork, log?: Logger): Promise<PageResult> {
    if (this.closed) return Promise.reject(new WireError('internal', 'the extraction threads are shut down'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, log: log ?? this.log, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every thread; work not yet answered is rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0))
      task.reject(new WireError('internal', 'the extraction threads are shut down'));
    await Promise.all(
      [...this.threads].map((t) => this.retire(t, new WireError('internal', 'the extraction threads are shut down'))),
    );
  }

  private dispatch(): void {
    while (this.waiting.length && this.idle.length) this.assign(this.idle.pop()!, this.waiting.shift()!);
    // A new thread takes work once it has loaded (its start-up does not count against a page's time):
    // start as many as there are pages waiting for one, up to the pool's size.
    let starting = 0;
    for (const thread of this.threads) if (!thread.ready) starting++;
    for (; this.threads.size < this.size && starting < this.waiting.length; starting++) this.start();
  }

  private assign(thread: Thread, task: Task): void {
    thread.task = task;
    thread.timer = setTimeout(() => {
      task.log?.warn(
        { url: task.work.url, timeoutMs: this.timeoutMs },
        'page extraction timed out: its thread is replaced',
      );
      void this.retire(
        thread,
        new WireError(
          'timeout',
          `reading the page took longer than ${this.timeoutMs / 1000} s (jobs.extractTimeout); stopped`,
          {
            url: task.work.url,
          },
        ),
      );
    }, this.timeoutMs);
    thread.worker.ref();
    // The bytes are moved to the thread, not cloned: a fetched body owns its memory, which is handed over
    // (the caller's view is left empty). A view into a larger buffer is copied first, so nothing else is taken.
    const given = task.work.bytes;
    const bytes =
      given && (given.byteOffset !== 0 || given.byteLength !== given.buffer.byteLength) ? new Uint8Array(given) : given;
    thread.worker.postMessage(bytes ? { ...task.work, bytes } : task.work, bytes ? [bytes.buffer as ArrayBuffer] : []);
  }

  private start(): void {
    const worker = spawnThread(this.entry);
    const thread: Thread = { worker, ready: false };
    this.threads.add(thread);
    worker.on('message', (answer: ThreadAnswer | typeof THREAD_READY) => {
      if (answer === THREAD_READY) {
        thread.ready = true;
        this.idle.push(thread);
        worker.unref();
        return this.dispatch();
      }
      const task = this.finish(thread);
      if (!task) return;
      this.idle.push(thread);
      worker.unref();
      if (answer.ok) task.resolve(answer.result);
      else task.reject(revive(answer.error));
      this.dispatch();
    });
    worker.on('error', (err) => {
      (thread.task?.log ?? this.log)?.error(
        { err, url: thread.task?.work.url },
        'extraction thread crashed: it is replaced',
      );
      void this.retire(
        thread,
        new WireError('internal', `the extraction thread crashed: ${err.message}`, {
          cause: err,
          url: thread.task?.work.url,
        }),
      );
    });
    worker.on('exit', () => {
      // An exit we did not ask for (out of memory, process.exit in a dependency): fail its page, start afresh.
      if (this.threads.has(thread))
        void this.retire(
          thread,
          new WireError('internal', 'the extraction thread exited', { url: thread.task?.work.url }),
        );
    });
  }

  /** Clears the thread's task and timer, returning the task. */
  private finish(thread: Thread): Task | undefined {
    clearTimeout(thread.timer);
    const task = thread.task;
    thread.task = undefined;
    return task;
  }

  private async retire(thread: Thread, reason: WireError): Promise<void> {
    if (!this.threads.delete(thread)) return;
    const idleAt = this.idle.indexOf(thread);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    // A thread that fails to start fails the next page, so a broken install shows up as failed pages, not as
    // threads started again and again while pages wait.
    (this.finish(thread) ?? (thread.ready ? undefined : this.waiting.shift()))?.reject(reason);
    await thread.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

interface Task {
  work: PageWork;
  log?: Logger;
  resolve(result: PageResult): void;
  reject(err: Error): void;
}

interface Thread {
  worker: Worker;
  /** Loaded and said so: takes work. */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

/** The thread entry beside this module, compiled or (under tests and tsx) TypeScript. */
const THREAD_ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './page-thread.ts' : './page-thread.js',
  import.meta.url,
);

/** A thread running `entry`; a TypeScript entry has the thread register tsx first. */
function spawnThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  // require.resolve finds the CommonJS build of tsx's API; a thread of ES modules needs the ESM one beside it.
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

/** The thread's error as the caller would have seen it inline: a WireError keeps its kind. */
function revive(e: ThreadError): Error {
  const err = e.wire
    ? new WireError(e.wire.kind, e.message, {
        retryable: e.wire.retryable,
        ...(e.wire.status ? { status: e.wire.status } : {}),
        ...(e.wire.url ? { url: e.wire.url } : {}),
      })
    : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack) err.stack = e.stack;
  return err;
}
