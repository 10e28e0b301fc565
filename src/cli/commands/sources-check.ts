import { formatProblem } from '../../config/load.js';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { checkSource, type LifecycleFields } from '../../sources/check.js';
import { loadConfigFor, UsageError } from '../context.js';

function describeLifecycle(a: LifecycleFields): string {
  const signals = [a.signals.correction ? 'correction' : null, a.signals.update ? 'update' : null]
    .filter(Boolean)
    .join(', ');
  return [
    `${a.format} id ${a.id}`,
    `version ${a.version ?? '-'}`,
    a.pubStatus,
    a.embargo ? `embargoed until ${a.embargo}` : 'no embargo',
    `urgency ${a.urgency ?? '-'}`,
    signals ? `signals ${signals}` : null,
    a.credit ? `credit ${a.credit}` : null,
    a.copyright ? `copyright ${a.copyright}` : null,
    a.usageTerms ? `usage terms ${a.usageTerms}` : null,
    a.editorialNote ? `note "${a.editorialNote}"` : null,
    a.images ? `${a.images} image(s)` : null,
    a.body ? 'body delivered' : a.bodyRendition ? 'body rendition (fetched)' : 'no body (page fetched)',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * `wire sources check [ID]`: the way to try a new source or selector before enabling it. Validates the
 * config, fetches the feed live and runs the first few entries through extraction and house style, printing
 * what an editor would want to see. Needs no Redis and queues nothing.
 */
export async function sourcesCheckCommand(
  id: string | undefined,
  opts: { config?: string; items: string; json?: boolean },
  log: Logger,
): Promise<number> {
  const config = loadConfigFor(opts.config, log);
  const limit = Number(opts.items);
  const sources = id ? config.sources.filter((s) => s.id === id) : config.sources.filter((s) => s.enabled);
  if (id && sources.length === 0) {
    const problem = config.problems.find((p) => p.sourceId === id);
    throw new UsageError(
      problem
        ? `source ${id} is invalid: ${formatProblem(problem)}`
        : `no source "${id}" in ${config.dir}/sources.yaml`,
    );
  }
  const out: string[] = config.problems.map((p) => `config problem: ${formatProblem(p)}`);
  const report: unknown[] = [];
  const fetcher = createFetcher(config.wire.network);
  let failures = config.problems.length;
  try {
    for (const source of sources) {
      out.push(`\n== ${source.id} (${source.name}) ${source.feed}`);
      const check = await checkSource({ wire: config.wire, fetcher }, source, limit);
      if (!check.ok) {
        failures++;
        out.push(`   FEED FAILED: ${check.error}`);
        report.push({ id: source.id, ok: false, error: check.error });
        continue;
      }
      out.push(
        `   ${check.format} feed "${check.title ?? ''}": ${check.entries} entries${check.unusable.length ? `, ${check.unusable.length} unusable` : ''}`,
      );
      if (check.movedTo) out.push(`   NOTE: the feed moved permanently to ${check.movedTo}: update sources.yaml`);
      for (const s of check.unusable) out.push(`   unusable entry ${s.guid ?? s.index}: ${s.reason}`);
      const items = [];
      for (const { link, agency, item, error } of check.items) {
        if (error !== null) {
          failures++;
          items.push({ ok: false, link, error });
          out.push(`\n   ${link}\n     FAILED: ${error}`);
        } else if (!item) {
          // A kill or hold carries no report to read: its lifecycle is what matters.
          items.push({ ok: true, link, agency });
          out.push(`\n   ${link}`, `     agency:    ${describeLifecycle(agency!)}`);
        } else {
          items.push({
            ok: true,
            link,
            ...(agency ? { agency } : {}),
            headlineOriginal: item.headlineOriginal,
            headline: item.headline,
            rules: item.headlineRules.map((r) => r.rule),
            chars: item.body.text.length,
            paragraphs: item.body.paragraphs.length,
            method: item.body.method,
            origin: item.body.origin,
            firstParagraph: item.body.paragraphs[0],
          });
          out.push(
            `\n   ${link}`,
            `     original:  ${item.headlineOriginal}`,
            `     restyled:  ${item.headline}${item.headlineRules.length ? `   [${item.headlineRules.map((r) => r.rule).join(', ')}]` : ''}${item.headlineTooLong ? '   (TOO LONG)' : ''}`,
            `     body:      ${item.body.paragraphs.length} paragraphs, ${item.body.text.length} chars, found by ${item.body.method}${item.body.origin === 'feed' ? ' (feed fall-back)' : ''}`,
            `     first:     ${item.body.paragraphs[0].slice(0, 200)}`,
            ...(agency ? [`     agency:    ${describeLifecycle(agency)}`] : []),
          );
        }
      }
      report.push({ id: source.id, ok: true, format: check.format, entries: check.entries, items });
    }
  } finally {
    await fetcher.close();
  }
  process.stdout.write(
    (opts.json
      ? JSON.stringify({ sources: report, configProblems: config.problems }, null, 2)
      : out.join('\n').trimStart()) + '\n',
  );
  return failures ? 1 : 0;
}
