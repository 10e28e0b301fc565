import { formatProblem } from '../../config/load.js';
import type { ConfigProblem } from '../../config/schema.js';
import type { Logger } from '../../log/index.js';
import { sourceRows, type SourceRow } from '../../state/source-report.js';
import { openRuntime } from '../context.js';
import { ago, table } from '../table.js';

export function formatSourceRows(rows: SourceRow[]): string {
  return table(
    ['ID', 'ON', 'EVERY', 'LAST SUCCESS', 'FAILS', 'PUBLISHED TODAY', 'FALLBACK', 'LAST ERROR / NOTE'],
    rows.map((r) => [
      r.id,
      r.enabled ? (r.health.paused ? 'paused' : 'yes') : 'no',
      r.every,
      ago(r.health.lastSuccessAt) ?? 'never',
      r.health.consecutiveFailures,
      // Published of queued: a source whose items all fail shows "0 of 4", not 4.
      `${r.health.publishedToday} of ${r.health.itemsToday}`,
      r.fallbackRate === null ? null : `${Math.round(r.fallbackRate * 100)}%`,
      r.alerts.length
        ? `ALERT ${r.alerts.map((a) => `${a.kind} since ${ago(new Date(a.since).toISOString())}: ${a.message}`).join('; ')}`
        : r.health.lastError
          ? `${r.health.lastErrorKind}: ${r.health.lastError}`
          : r.health.movedTo
            ? `feed moved permanently to ${r.health.movedTo}: update sources.yaml`
            : r.health.deferReason,
    ]),
  );
}

/** Source entries skipped for config errors, after a table of sources; empty when there are none. */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  if (problems.length === 0) return '';
  const n = problems.length;
  return (
    `\n\nCONFIG PROBLEMS: ${n} problem${n > 1 ? 's' : ''}, source entries skipped and not polled (fix sources.yaml, then reload)\n` +
    problems.map((p) => `  ${formatProblem(p)}`).join('\n')
  );
}

/** `wire sources list`: every configured source with its health. */
export async function sourcesListCommand(opts: { config?: string; json?: boolean }, log: Logger): Promise<number> {
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const rows = await sourceRows(rt);
    process.stdout.write(
      (opts.json
        ? JSON.stringify({ sources: rows, configProblems: rt.config.problems }, null, 2)
        : formatSourceRows(rows) + formatConfigProblems(rt.config.problems)) + '\n',
    );
    return 0;
  } finally {
    await shutdown();
  }
}
