import type { Logger } from '../../log/index.js';
import { actOnFailed, failedJobs } from '../../queue/failed-jobs.js';
import type { FailedJob } from '../../queue/inspect.js';
import { openRuntime, UsageError } from '../context.js';
import { ago, table } from '../table.js';

export interface FailedOptions {
  config?: string;
  queue?: string;
  all?: boolean;
  json?: boolean;
}

function queuesOf(names: string[], opts: FailedOptions): string[] {
  if (!opts.queue) return names;
  if (!names.includes(opts.queue)) throw new UsageError(`--queue must be one of ${names.join(', ')}`);
  return [opts.queue];
}

/** `wire failed list|retry|drop`: the failed sets of the queues, where nothing is lost silently. */
export async function failedCommand(
  action: 'list' | 'retry' | 'drop',
  ids: string[],
  opts: FailedOptions,
  log: Logger,
): Promise<number> {
  if (action !== 'list' && ids.length === 0 && !opts.all)
    throw new UsageError(`wire failed ${action} needs job ids, or --all`);
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const names = queuesOf([...rt.queues.byName.keys()], opts);
    const rows: FailedJob[] =
      action === 'list'
        ? (await failedJobs(rt, names)).map((f) => f.row)
        : await actOnFailed(rt, action, opts.all ? 'all' : ids, { role: 'cli' }, log, names);
    if (opts.json) process.stdout.write(JSON.stringify({ action, jobs: rows }, null, 2) + '\n');
    else if (action === 'list') {
      process.stdout.write(
        (rows.length
          ? table(
              ['QUEUE', 'JOB', 'SOURCE', 'TRIES', 'FAILED', 'REASON'],
              rows.map((r) => [r.queue, r.id, r.sourceId, r.attempts, ago(r.failedAt), r.reason]),
              90,
            )
          : 'no failed jobs') + '\n',
      );
    } else process.stdout.write(`${action === 'retry' ? 'retried' : 'dropped'} ${rows.length} job(s)\n`);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) process.stderr.write(`not found among failed jobs: ${missing.join(', ')}\n`);
    return missing.length ? 1 : 0;
  } finally {
    await shutdown();
  }
}
