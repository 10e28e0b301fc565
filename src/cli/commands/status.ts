import type { Logger } from '../../log/index.js';
import { nextPolls, queueStatus } from '../../queue/inspect.js';
import { openRuntime } from '../context.js';
import { ago, table } from '../table.js';
import { formatConfigProblems } from './sources-list.js';

/** `wire status`: queue depths, failed jobs by reason, next poll per source, editorial drops and holds, duplicates. */
export async function statusCommand(opts: { config?: string; json?: boolean }, log: Logger): Promise<number> {
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const [queues, polls, dropCounts, recentDrops, held, embargoes, duplicateCounts, recentDuplicates] =
      await Promise.all([
        queueStatus(rt),
        nextPolls(rt),
        rt.editorial.dropCounts(),
        rt.editorial.dropped(10),
        rt.editorial.held(),
        rt.items.embargoes(),
        rt.dedupe.duplicateCounts(),
        rt.dedupe.duplicates(10),
      ]);
    const editorial = { held: held.length, dropCounts, recentDrops };
    const duplicates = { policy: rt.config.wire.dedupe?.policy ?? null, duplicateCounts, recentDuplicates };
    if (opts.json) {
      process.stdout.write(
        JSON.stringify(
          { queues, polls, embargoes, editorial, duplicates, configProblems: rt.config.problems },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const out = [
      table(
        ['QUEUE', 'WAITING', 'ACTIVE', 'DELAYED', 'FAILED', 'COMPLETED', 'FAILED BY REASON'],
        queues.map((q) => [
          q.queue,
          q.counts.waiting + q.counts.prioritized,
          q.counts.active,
          q.counts.delayed,
          q.counts.failed,
          q.counts.completed,
          Object.entries(q.failedByReason)
            .map(([r, n]) => `${r} ${n}`)
            .join(', ') || null,
        ]),
      ),
      '',
      polls.length
        ? table(
            ['SOURCE', 'NEXT POLL'],
            polls.map((p) => [p.sourceId, p.next ? `${p.next} (${ago(p.next)})` : null]),
          )
        : 'no poll schedulers: is `wire start` (scheduler role) running?',
      '',
      dropCounts.length
        ? table(
            ['SOURCE', 'DROPPED BY RULE', 'ITEMS'],
            dropCounts.map((d) => [d.sourceId, d.rule, d.count]),
          )
        : 'no items dropped by editorial rules',
      ...recentDrops.map(
        (d) =>
          `  dropped ${ago(d.at)}: ${d.sourceId} ${d.itemId} by ${d.byEditor ? `an editor (held by ${d.rule})` : d.expired ? `expiry (held by ${d.rule})` : d.rule}: ${d.reason} (${d.matched}) "${d.headline}"`,
      ),
      `held for an editor: ${held.length}${held.length ? ' (wire held list)' : ''}`,
      '',
      duplicateCounts.length
        ? table(
            ['SOURCE', 'DUPLICATES NOT PUBLISHED'],
            duplicateCounts.map((d) => [d.sourceId, d.count]),
          )
        : `no duplicates left unpublished (same-story grouping: ${rt.config.wire.dedupe ? `policy ${rt.config.wire.dedupe.policy}` : 'off'})`,
      ...recentDuplicates.map(
        (d) => `  duplicate ${ago(d.at)}: ${d.sourceId} ${d.itemId}: ${d.reason} (${d.matchedBy}) "${d.headline}"`,
      ),
    ];
    if (embargoes.length) {
      out.push(
        '',
        table(
          ['EMBARGOED STORY', 'SOURCE', 'AGENCY ID', 'VERSION', 'HELD UNTIL'],
          embargoes.map((e) => [e.itemId, e.sourceId, e.guid, e.agency.version, `held until ${e.embargo}`]),
        ),
      );
    }
    const problems = formatConfigProblems(rt.config.problems);
    if (problems) out.push(problems.trimStart());
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  } finally {
    await shutdown();
  }
}
