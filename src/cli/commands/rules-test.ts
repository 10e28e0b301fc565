import type { Source } from '../../config/schema.js';
import { parseDuration } from '../../config/duration.js';
import { WireError } from '../../errors.js';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { pageEntry, processArticle } from '../../pipeline/article.js';
import { dryRunItem, formatDryRunRow, type DryRunRow } from '../../pipeline/rules-dry-run.js';
import { previewStoryGroup } from '../../pipeline/story-group.js';
import { recentItems } from '../../state/items.js';
import { loadConfigFor, openRuntime, UsageError } from '../context.js';

export interface RulesTestOptions {
  config?: string;
  source?: string;
  since?: string;
  url?: string;
  json?: boolean;
}

function print(rows: DryRunRow[], opts: RulesTestOptions, scope: string): void {
  if (opts.json) {
    process.stdout.write(JSON.stringify({ items: rows }, null, 2) + '\n');
    return;
  }
  const count = (o: DryRunRow['outcome']) => rows.filter((r) => r.outcome === o).length;
  const lines = rows.map(formatDryRunRow);
  lines.push(
    `${rows.length} item(s) ${scope}: publish ${count('publish')}, drop ${count('drop')}, hold ${count('hold')} (dry run: nothing changed)`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * `wire rules test`: what the configured rules would do to the stories stored recently (and the items held
 * now), or to one page fetched now (--url, no Redis). Reads only: nothing is recorded, queued or changed.
 */
export async function rulesTestCommand(opts: RulesTestOptions, log: Logger): Promise<number> {
  const sinceMs = parseDuration(opts.since ?? '24h');
  if (sinceMs === null) throw new UsageError(`--since ${opts.since}: not a duration (use e.g. 30m, 24h, 7d)`);
  if (opts.url) return testPage(opts.url, opts, log);
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    if (opts.source && !rt.sources.has(opts.source))
      throw new UsageError(`--source ${opts.source}: no such source in ${rt.config.dir}/sources.yaml`);
    const since = Date.now() - sinceMs;
    const stored = await recentItems(rt.redis, rt.keys, since, opts.source);
    const held = (await rt.editorial.held({ expire: false })).filter(
      (h) => !opts.source || h.item.source.id === opts.source,
    );
    const rows = [
      ...stored.map((item) => ({ item, row: dryRunItem(rt.config.wire, rt.sources, item, 'stored') })),
      ...held.map((h) => ({ item: h.item, row: dryRunItem(rt.config.wire, rt.sources, h.item, 'held') })),
    ];
    // With dedupe on: what grouping would do with each item the rules let through (reads only).
    for (const r of rows) {
      if (r.row.outcome !== 'publish') continue;
      const preview = await previewStoryGroup(rt, r.item);
      if (preview) r.row.sameStory = preview;
    }
    print(
      rows.map((r) => r.row),
      opts,
      `stored in the last ${opts.since ?? '24h'}${opts.source ? ` from ${opts.source}` : ''} or held`,
    );
    return 0;
  } finally {
    await shutdown();
  }
}

async function testPage(url: string, opts: RulesTestOptions, log: Logger): Promise<number> {
  const config = loadConfigFor(opts.config, log);
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new UsageError(`--url needs an absolute http(s) URL of an article page (got "${url}")`);
  }
  let source: Source | undefined;
  if (opts.source) {
    source = config.sources.find((s) => s.id === opts.source);
    if (!source) throw new UsageError(`--source ${opts.source}: no such source in ${config.dir}/sources.yaml`);
  }
  // Without --source: the source whose feed is on the page's host, else wire.yaml's rules alone.
  source ??= config.sources.find((s) => new URL(s.feed).hostname === host);
  const effective: Source = source ?? { id: 'page', name: host, feed: url, everyMs: 0, enabled: true, extract: {} };
  const entry = pageEntry(url);

  const fetcher = createFetcher(config.wire.network);
  try {
    const item = await processArticle({ wire: config.wire, fetcher }, effective, entry);
    const sources = new Map(config.sources.map((s) => [s.id, s]));
    print([dryRunItem(config.wire, sources, item, 'page', entry)], opts, `from ${url}`);
    return 0;
  } catch (err) {
    if (err instanceof WireError && err.kind !== 'internal') {
      process.stderr.write(`wire: ${err.kind}: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await fetcher.close();
  }
}
