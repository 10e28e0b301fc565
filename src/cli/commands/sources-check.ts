import { formatProblem } from '../../config/load.js';
import type { AgencyFields } from '../../feed/types.js';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { processArticle } from '../../pipeline/article.js';
import { fetchFeed } from '../../pipeline/fetch-feed.js';
import { loadConfigFor, UsageError } from '../context.js';

/** The lifecycle fields of an agency entry, as `sources check` shows them. */
function lifecycleFields(a: AgencyFields) {
  return {
    format: a.format,
    id: a.id,
    version: a.version,
    pubStatus: a.pubStatus,
    embargo: a.embargo,
    embargoReading: a.embargoReading,
    urgency: a.urgency,
    signals: a.signals,
    editorialNote: a.editorialNote,
    credit: a.credit,
    copyright: a.copyright,
    usageTerms: a.usageTerms,
    images: a.images.length,
    body: a.body !== null,
    /** The body is a rendition to download (AP `renditions.nitf`), fetched like the feed. */
    bodyRendition: a.body === null && a.bodyUrl !== null,
  };
}

function describeLifecycle(a: ReturnType<typeof lifecycleFields>): string {
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

const NO_VALIDATORS = { etag: null, lastModified: null, bodyHash: null };

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
      let fetched;
      try {
        fetched = await fetchFeed(source, fetcher, NO_VALIDATORS);
      } catch (err) {
        failures++;
        out.push(`   FEED FAILED: ${(err as Error).message}`);
        report.push({ id: source.id, ok: false, error: (err as Error).message });
        continue;
      }
      if (fetched.kind !== 'feed') continue;
      const { feed } = fetched;
      out.push(
        `   ${feed.format} feed "${feed.title ?? ''}": ${feed.items.length} entries${feed.skipped.length ? `, ${feed.skipped.length} unusable` : ''}`,
      );
      if (fetched.movedTo) out.push(`   NOTE: the feed moved permanently to ${fetched.movedTo}: update sources.yaml`);
      for (const s of feed.skipped) out.push(`   unusable entry ${s.guid ?? s.index}: ${s.reason}`);
      const items = [];
      for (const entry of feed.items.slice(0, limit)) {
        const agency = entry.agency ? lifecycleFields(entry.agency) : null;
        if (entry.agency && entry.agency.pubStatus !== 'usable') {
          // A kill or hold carries no report to read: its lifecycle is what matters.
          items.push({ ok: true, link: entry.link, agency });
          out.push(`\n   ${entry.link}`, `     agency:    ${describeLifecycle(agency!)}`);
          continue;
        }
        try {
          const item = await processArticle({ wire: config.wire, fetcher }, source, entry);
          items.push({
            ok: true,
            link: entry.link,
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
            `\n   ${entry.link}`,
            `     original:  ${item.headlineOriginal}`,
            `     restyled:  ${item.headline}${item.headlineRules.length ? `   [${item.headlineRules.map((r) => r.rule).join(', ')}]` : ''}${item.headlineTooLong ? '   (TOO LONG)' : ''}`,
            `     body:      ${item.body.paragraphs.length} paragraphs, ${item.body.text.length} chars, found by ${item.body.method}${item.body.origin === 'feed' ? ' (feed fall-back)' : ''}`,
            `     first:     ${item.body.paragraphs[0].slice(0, 200)}`,
            ...(agency ? [`     agency:    ${describeLifecycle(agency)}`] : []),
          );
        } catch (err) {
          failures++;
          items.push({ ok: false, link: entry.link, error: (err as Error).message });
          out.push(`\n   ${entry.link}\n     FAILED: ${(err as Error).message}`);
        }
      }
      report.push({ id: source.id, ok: true, format: feed.format, entries: feed.items.length, items });
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
