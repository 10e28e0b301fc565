import type { Logger } from '../../log/index.js';
import { runOnce, type RunSummary } from '../../queue/run-once.js';
import { openRuntime } from '../context.js';

export function formatSummary(summary: RunSummary): string {
  const lines: string[] = [];
  for (const s of summary.sources) {
    const i = s.items;
    const counts =
      `new ${i.new}, updated ${i.updated}, already seen ${i.seen}, failed ${i.failed}` +
      (i.skipped ? `, bad entries ${i.skipped}` : '') +
      (i.duplicate ? `, duplicates not published ${i.duplicate}` : '');
    lines.push(
      s.ok
        ? `ok      ${s.id}: ${s.outcome === 'feed' ? counts : `${s.outcome} (${counts})`}`
        : `FAILED  ${s.id}: ${s.error}`,
    );
    for (const f of s.failures) lines.push(`          item ${f.link ?? f.guid}: ${f.reason}`);
  }
  const failed = summary.sources.filter((s) => !s.ok).length;
  lines.push(`${summary.sources.length} source(s), ${failed} failed`);
  return lines.join('\n');
}

export async function runOnceCommand(opts: { config?: string; json?: boolean }, log: Logger): Promise<number> {
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    let items = 0;
    const summary = await runOnce(rt, {
      // A terminal gets one line that updates; a log file or pipe gets a plain line per source.
      onProgress: (done, total, finished) => {
        if (opts.json) return;
        items += finished.items.published;
        if (process.stderr.isTTY) process.stderr.write(`\rsources ${done}/${total}, items published ${items}`);
        // Not a terminal: a log line like any other (JSON when the log format is), never bare text in the stream.
        else
          log.info(
            { sourceId: finished.id, done, total, itemsPublished: items },
            `progress: source ${finished.id} done (${done}/${total}), items published so far ${items}`,
          );
      },
    });
    if (process.stderr.isTTY && !opts.json) process.stderr.write('\n');
    const out = opts.json
      ? JSON.stringify({ ok: summary.ok, sources: summary.sources, configProblems: rt.config.problems })
      : formatSummary(summary);
    process.stdout.write(out + '\n');
    return summary.ok ? 0 : 1;
  } finally {
    await shutdown();
  }
}
