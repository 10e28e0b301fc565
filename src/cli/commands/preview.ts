import type { Source } from '../../config/schema.js';
import { WireError } from '../../errors.js';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { pageEntry, processArticle } from '../../pipeline/article.js';
import { loadConfigFor, UsageError } from '../context.js';

/**
 * `wire preview <url>`: the WireItem that would be queued for one article page, with no Redis involved.
 * Uses the source's extraction and headline overrides when --source names one.
 */
export async function previewCommand(
  url: string,
  opts: { config?: string; source?: string },
  log: Logger,
): Promise<number> {
  const config = loadConfigFor(opts.config, log);
  let source: Source | undefined;
  if (opts.source) {
    source = config.sources.find((s) => s.id === opts.source);
    if (!source) throw new UsageError(`--source ${opts.source}: no such source in ${config.dir}/sources.yaml`);
  }
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new UsageError(`preview needs an absolute http(s) URL of an article page (got "${url}")`);
  }
  const effective: Source = source ?? { id: 'preview', name: host, feed: url, everyMs: 0, enabled: true, extract: {} };
  const fetcher = createFetcher(config.wire.network);
  try {
    const item = await processArticle({ wire: config.wire, fetcher }, effective, pageEntry(url));
    process.stderr.write(
      `original: ${item.headlineOriginal}\nrestyled: ${item.headline}\n` +
        item.headlineRules.map((r) => `  ${r.rule}: ${r.before} -> ${r.after}\n`).join('') +
        `body:     ${item.body.paragraphs.length} paragraphs, ${item.body.text.length} characters (${item.body.method})\n`,
    );
    process.stdout.write(JSON.stringify(item, null, 2) + '\n');
    return 0;
  } catch (err) {
    // What a page can turn out to be (no article, too large, a 404, robots, the guard...) is an answer,
    // not a crash: one line, exit 1, like `sources check`. Only internal errors go to the fatal log.
    if (err instanceof WireError && err.kind !== 'internal') {
      process.stderr.write(`wire: ${err.kind}: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await fetcher.close();
  }
}
