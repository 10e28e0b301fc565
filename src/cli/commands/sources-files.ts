import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { discoverFeeds } from '../../sources/discover.js';
import { slugId, uniqueId } from '../../sources/ids.js';
import { exportOpml, importOpml, yamlEntries } from '../../sources/opml.js';
import { loadConfigFor, UsageError } from '../context.js';

/** `wire sources discover <site-url>`: feeds the site offers, as a ready-to-paste sources.yaml entry. */
export async function sourcesDiscoverCommand(siteUrl: string, opts: { config?: string }, log: Logger): Promise<number> {
  const config = loadConfigFor(opts.config, log);
  const fetcher = createFetcher(config.wire.network);
  try {
    const feeds = await discoverFeeds(fetcher, siteUrl);
    if (feeds.length === 0) {
      process.stderr.write(`no feed found on ${siteUrl} (none advertised, none at the usual paths)\n`);
      return 1;
    }
    // A feed that is already configured is named, not proposed a second time under another id.
    const normal = (u: string) => {
      try {
        return new URL(u).href;
      } catch {
        return u;
      }
    };
    const configured = new Map(config.sources.map((s) => [normal(s.feed), s.id]));
    const fresh = feeds.filter((f) => !configured.has(normal(f.url)));
    for (const f of feeds) {
      const id = configured.get(normal(f.url));
      if (id) process.stderr.write(`already configured as ${id}: ${f.url}\n`);
    }
    if (fresh.length === 0) {
      process.stderr.write(`every feed found on ${siteUrl} is already configured\n`);
      return 0;
    }
    const taken = new Set(config.sources.map((s) => s.id));
    process.stdout.write(`# ${fresh.length} new feed(s) found on ${siteUrl}; paste under "sources:" in sources.yaml\n`);
    for (const f of fresh) {
      process.stdout.write(`# ${f.format}, ${f.entries} entries, ${f.how}\n`);
      const name = f.title ?? new URL(f.url).hostname;
      process.stdout.write(yamlEntries([{ id: uniqueId(slugId(name), taken), name, feed: f.url }]));
    }
    return 0;
  } catch (err) {
    throw new UsageError(`could not read ${siteUrl}: ${(err as Error).message}`);
  } finally {
    await fetcher.close();
  }
}

/** `wire sources import <file.opml> [--write]`: OPML in; prints the entries, or appends them to sources.yaml. */
export async function sourcesImportCommand(file: string, opts: { config?: string; write?: boolean }, log: Logger): Promise<number> {
  const config = loadConfigFor(opts.config, log);
  let result;
  try {
    result = importOpml(readFileSync(file, 'utf8'), config.sources);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  for (const s of result.skipped) process.stderr.write(`skipped "${s.title}" ${s.feed ?? ''}: ${s.reason}\n`);
  const yaml = yamlEntries(result.entries);
  if (opts.write && result.entries.length) {
    // Appending keeps the operator's comments and layout; the new entries land at the end of the list.
    appendFileSync(join(config.dir, 'sources.yaml'), `\n  # imported from ${file} on ${new Date().toISOString().slice(0, 10)}\n${yaml}`);
    loadConfigFor(opts.config, log); // re-read: fails loudly if the file is no longer valid
    process.stderr.write(`appended ${result.entries.length} source(s) to ${join(config.dir, 'sources.yaml')}\n`);
  } else {
    process.stdout.write(yaml);
  }
  process.stderr.write(`${result.entries.length} imported, ${result.skipped.length} skipped\n`);
  return 0;
}

/** `wire sources export`: the configured sources as OPML 2.0 on stdout. */
export async function sourcesExportCommand(opts: { config?: string }, log: Logger): Promise<number> {
  const config = loadConfigFor(opts.config, log);
  process.stdout.write(exportOpml(config.sources, `${config.wire.site}: Media Wire sources`));
  return 0;
}
