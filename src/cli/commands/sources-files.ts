import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, loadConfig, resolveConfigDir } from '../../config/load.js';
import { SourcesDefaults } from '../../config/schema.js';
import { appendSources } from '../../config/write.js';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { discoverFeeds } from '../../sources/discover.js';
import { slugId, uniqueId } from '../../sources/ids.js';
import { exportOpml, importOpml, yamlEntries, yamlEntry } from '../../sources/opml.js';
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

/** The poll interval sources.yaml gives entries without their own `every` (its `defaults.every`). */
function defaultEveryMs(dir: string): number {
  const file = join(dir, 'sources.yaml');
  const root = existsSync(file)
    ? (parseDocument(readFileSync(file, 'utf8')).toJS() as { defaults?: unknown } | null)
    : null;
  const parsed = SourcesDefaults.safeParse(root?.defaults ?? {});
  return parsed.success ? parsed.data.every : SourcesDefaults.parse({}).every;
}

/**
 * `wire sources import <file.opml> [--write]`: OPML in; prints the entries, or adds them to sources.yaml.
 * A missing sources.yaml is created; the OPML must be well-formed, and the new file must load, or nothing
 * is written.
 */
export async function sourcesImportCommand(
  file: string,
  opts: { config?: string; write?: boolean },
  log: Logger,
): Promise<number> {
  const dir = resolveConfigDir(opts.config);
  let config;
  if (existsSync(join(dir, 'sources.yaml'))) config = loadConfigFor(opts.config, log);
  else {
    try {
      config = loadConfig(dir, { 'sources.yaml': 'sources: []\n' }); // nothing configured yet: import creates the file
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
  }
  let result;
  try {
    result = importOpml(readFileSync(file === '-' ? 0 : file, 'utf8'), config.sources); // "-": stdin
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}; nothing imported`);
  }
  for (const s of result.skipped) process.stderr.write(`skipped "${s.title}" ${s.feed ?? ''}: ${s.reason}\n`);
  const every = defaultEveryMs(dir);
  if (opts.write && result.entries.length) {
    try {
      const done = appendSources(
        dir,
        result.entries.map((e) => yamlEntry(e, every)),
        `imported from ${file === '-' ? 'stdin' : file} on ${new Date().toISOString().slice(0, 10)}`,
      );
      process.stderr.write(`added ${result.entries.length} source(s) to ${done.file}\n`);
    } catch (err) {
      const why = err instanceof ConfigError ? err.message : (err as Error).message;
      throw new UsageError(`sources.yaml not changed: ${why}`);
    }
  } else {
    process.stdout.write(yamlEntries(result.entries, every));
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
