import { Job, type Queue, type QueueEvents } from 'bullmq';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * Waits for many jobs of one queue with one pair of listeners. BullMQ's `job.waitUntilFinished` adds
 * three listeners per job (two on the QueueEvents, one on the Queue), so a run with ten or more jobs in
 * flight trips Node's MaxListenersExceededWarning, a non-JSON line in the JSON log. Same semantics: the
 * job's return value, or an Error with its failed reason; a job finished before the wait began counts.
 */
export class JobWaiter {
  private readonly pending = new Map<string, Pending>();
  private readonly onCompleted = (args: { jobId: string; returnvalue: unknown }) =>
    this.settle(args.jobId, { value: args.returnvalue });
  private readonly onFailed = (args: { jobId: string; failedReason: string }) =>
    this.settle(args.jobId, { error: new Error(args.failedReason) });

  constructor(
    private readonly events: QueueEvents,
    private readonly queue: Queue,
  ) {
    events.on('completed', this.onCompleted);
    events.on('failed', this.onFailed);
  }

  /** Jobs being waited for now. */
  get size(): number {
    return this.pending.size;
  }

  async wait(jobId: string): Promise<unknown> {
    const done = new Promise<unknown>((resolve, reject) => this.pending.set(jobId, { resolve, reject }));
    // Listening before looking: a job that finishes in between is caught by the event, one finished
    // earlier by its state. settle() takes only the first.
    // The state first, then the job: a job read while active and finished before its state was asked would
    // give its return value as it was then (null).
    await this.events.waitUntilReady();
    const state = await this.queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed' || state === 'unknown') {
      const job = await Job.fromId(this.queue, jobId);
      if (!job) this.settle(jobId, { error: new Error(`job ${jobId} no longer exists`) });
      else if (state === 'completed') this.settle(jobId, { value: job.returnvalue });
      else if (state === 'failed') this.settle(jobId, { error: new Error(job.failedReason) });
    }
    return done;
  }

  /** Stops listening; waits still open fail. */
  close(): void {
    this.events.off('completed', this.onCompleted);
    this.events.off('failed', this.onFailed);
    for (const jobId of [...this.pending.keys()])
      this.settle(jobId, { error: new Error('stopped waiting: the queue events were closed') });
  }

  private settle(jobId: string, outcome: { value?: unknown; error?: Error }): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    this.pending.delete(jobId);
    if (outcome.error) p.reject(outcome.error);
    else p.resolve(outcome.value);
  }
}
