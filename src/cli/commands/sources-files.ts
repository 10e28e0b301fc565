import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, resolveConfigDir } from '../../config/load.js';
import { appendSources, defaultEveryMs } from '../../config/write.js';
import { createFetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { discoverFeeds, proposeSources } from '../../sources/discover.js';
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
    const proposed = proposeSources(config.sources, feeds);
    for (const f of proposed)
      if (f.configuredAs) process.stderr.write(`already configured as ${f.configuredAs}: ${f.url}\n`);
    const fresh = proposed.filter((f) => f.entry !== null);
    if (fresh.length === 0) {
      process.stderr.write(`every feed found on ${siteUrl} is already configured\n`);
      return 0;
    }
    process.stdout.write(`# ${fresh.length} new feed(s) found on ${siteUrl}; paste under "sources:" in sources.yaml\n`);
    for (const f of fresh) {
      process.stdout.write(`# ${f.format}, ${f.entries} entries, ${f.how}\n`);
      process.stdout.write(yamlEntries([f.entry!]));
    }
    return 0;
  } catch (err) {
    throw new UsageError(`could not read ${siteUrl}: ${(err as Error).message}`);
  } finally {
    await fetcher.close();
  }
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
        { backup: true },
      );
      process.stderr.write(
        `added ${result.entries.length} source(s) to ${done.file}${done.backup ? ` (the previous file kept as ${done.backup})` : ''}\n`,
      );
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
