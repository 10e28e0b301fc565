import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLSeq, type YAMLMap } from 'yaml';
import { ConfigError, loadConfig, type ConfigTexts } from './load.js';
import { SourcesDefaults, type LoadedConfig } from './schema.js';

/**
 * Every write to a config file goes through this module: the new text is built with the `yaml` package's
 * Document API (comments and layout kept), loaded as a whole config exactly as `wire start` would load it,
 * and only then put in place, atomically (a temporary file beside it, flushed, renamed over it). Any error
 * on the way leaves the file as it was.
 */

export type ConfigFileName = keyof ConfigTexts;

/** Replaces `file` with `text` atomically: readers see the old file or the new one, never a part. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // a new file
  }
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw err;
  }
}

export interface ConfigEdit {
  /** The file's path. */
  file: string;
  /** Its new text. */
  text: string;
  /** The whole config as it loads with the new text. */
  config: LoadedConfig;
  /** Where the file as it was before is kept (`<file>.bak`), when a backup was asked for and there was a file. */
  backup: string | null;
}

/** Options of a config write. */
export interface WriteOptions {
  /** Keep the file as it was in `<file>.bak` (itself replaced atomically) before putting the new one in place. */
  backup?: boolean;
}

/**
 * Edits one file of the config directory `dir`. `edit` changes the parsed document; it may also return the
 * new text itself (e.g. the original with lines inserted, to keep the layout byte for byte), which is used
 * only when it parses to the same data as the edited document. `check` sees the config as it loads with the
 * new text and throws to refuse it. Nothing is written when anything throws.
 */
export function editConfigFile(
  dir: string,
  name: ConfigFileName,
  edit: (doc: Document.Parsed, original: string) => string | void,
  check?: (config: LoadedConfig) => void,
  opts: WriteOptions = {},
): ConfigEdit {
  const file = join(dir, name);
  const original = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const doc = parseDocument(original, { uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ConfigError([{ file, path: '', line: e.linePos?.[0]?.line ?? null, message: e.message.split('\n')[0] }]);
  }
  const spliced = edit(doc, original);
  let text = doc.toString();
  if (typeof spliced === 'string') {
    const again = parseDocument(spliced);
    if (again.errors.length === 0 && isDeepStrictEqual(again.toJS(), doc.toJS())) text = spliced;
  }
  const config = loadConfig(dir, { [name]: text });
  check?.(config);
  const backup = opts.backup && existsSync(file) ? `${file}.bak` : null;
  if (backup) writeFileAtomic(backup, original);
  writeFileAtomic(file, text);
  return { file, text, config, backup };
}

/**
 * Adds entries at the end of sources.yaml's `sources:` list: a block list gets them appended below its
 * last entry, the rest of the file untouched; an empty list (`sources: []`), a bare `sources:`, an empty or
 * missing file get a block list. `comment` goes above the first new entry. Every new entry must load as a
 * valid source (not skipped as a config problem), or nothing is written.
 */
export function appendSources(
  dir: string,
  entries: Record<string, unknown>[],
  comment?: string,
  opts: WriteOptions = {},
): ConfigEdit {
  return editConfigFile(
    dir,
    'sources.yaml',
    (doc, original) => {
      let seq = doc.get('sources', true);
      const wasBlockList = isSeq(seq) && !seq.flow && seq.items.length > 0 && seq.range;
      if (!isSeq(seq)) {
        if (seq !== undefined && !(isScalar(seq) && seq.value === null)) {
          throw new ConfigError([
            { file: join(dir, 'sources.yaml'), path: 'sources', line: null, message: 'must be a list of sources' },
          ]);
        }
        seq = new YAMLSeq();
        doc.set('sources', seq);
      }
      const list = seq as YAMLSeq;
      const before = list.items.length;
      list.flow = false;
      for (const e of entries) list.items.push(doc.createNode(e));
      const first = list.items[before] as { commentBefore?: string; spaceBefore?: boolean } | undefined;
      if (first && comment) first.commentBefore = ` ${comment}`;
      if (first && before > 0) first.spaceBefore = true;
      if (!wasBlockList || !first) return;
      // Keep the file byte for byte: the new entries go in as text right after the list's last entry,
      // indented like the list's own dashes.
      const [start, end] = list.range!;
      const column = start - (original.lastIndexOf('\n', start - 1) + 1);
      const added = new Document(entries);
      if (comment) ((added.contents as YAMLSeq).items[0] as { commentBefore?: string }).commentBefore = ` ${comment}`;
      const block = added
        .toString()
        .split('\n')
        .map((line) => (line ? ' '.repeat(column) + line : line))
        .join('\n');
      const lead = original[end - 1] === '\n' ? '\n' : '\n\n'; // a blank line before the new entries
      return original.slice(0, end) + lead + block + original.slice(end);
    },
    (config) => {
      for (const e of entries) {
        if (config.sources.some((s) => s.id === e.id && s.feed === e.feed)) continue;
        const problem = config.problems.find((p) => p.sourceId === e.id);
        throw new ConfigError([
          problem ?? {
            file: join(dir, 'sources.yaml'),
            path: 'sources',
            line: null,
            message: `entry "${e.id}" did not load`,
          },
        ]);
      }
    },
    opts,
  );
}

/**
 * Disables (`enabled: false`) or enables (the `enabled: false` line removed) the source `sourceId` in
 * sources.yaml. Only that entry's `enabled` line changes, the rest of the file byte for byte: a new
 * `enabled: false` goes in below the entry's last key, indented like its keys; an `enabled: false` on a line of
 * its own is removed (with a comment on it, or first in the entry, its value becomes `true`, the line kept).
 * A flow entry (`- { id: ..., ... }`) is written by the yaml package instead. The source must load with the
 * wanted state (not skipped as a config problem), or nothing is written.
 */
export function setSourceEnabled(dir: string, sourceId: string, enabled: boolean, opts: WriteOptions = {}): ConfigEdit {
  const file = join(dir, 'sources.yaml');
  const refuse = (message: string) => new ConfigError([{ file, path: 'sources', line: null, message }]);
  return editConfigFile(
    dir,
    'sources.yaml',
    (doc, original) => {
      const seq = doc.get('sources', true);
      if (!isSeq(seq)) throw refuse('must be a list of sources');
      const entry = seq.items.find((n): n is YAMLMap => isMap(n) && n.get('id') === sourceId);
      if (!entry) throw refuse(`no entry with id "${sourceId}"`);
      const pair = entry.items.find((p) => isScalar(p.key) && p.key.value === 'enabled');
      const pairs = [...entry.items]; // as in the file, before the edit
      if (enabled) entry.delete('enabled');
      else entry.set('enabled', false);
      if (entry.flow || !entry.range) return;
      const value = pair && isScalar(pair.value) ? pair.value : null;
      if (pair && value?.range && isScalar(pair.key) && pair.key.range) {
        const [vs, ve] = value.range;
        if (!enabled) return original.slice(0, vs) + 'false' + original.slice(ve);
        const ks = pair.key.range[0];
        const lineStart = original.lastIndexOf('\n', ks - 1) + 1;
        const nl = original.indexOf('\n', ve);
        const lineEnd = nl === -1 ? original.length : nl;
        if (!original.slice(lineStart, ks).trim() && !original.slice(ve, lineEnd).trim())
          return original.slice(0, lineStart) + original.slice(nl === -1 ? lineEnd : lineEnd + 1);
        entry.set('enabled', true);
        return original.slice(0, vs) + 'true' + original.slice(ve);
      }
      if (enabled || !pairs.length) return; // no `enabled` key: enabled already
      const firstKey = pairs[0].key as { range?: [number, number, number] } | null;
      const last = pairs[pairs.length - 1];
      const lastNode = (last.value ?? last.key) as { range?: [number, number, number] } | null;
      if (!firstKey?.range || !lastNode?.range) return;
      const column = firstKey.range[0] - (original.lastIndexOf('\n', firstKey.range[0] - 1) + 1);
      const end = lastNode.range[1];
      const nl = original.indexOf('\n', end);
      const at = original[end - 1] === '\n' ? end : nl === -1 ? original.length : nl + 1;
      const lead = at === original.length && !original.endsWith('\n') ? '\n' : '';
      return original.slice(0, at) + lead + ' '.repeat(column) + 'enabled: false\n' + original.slice(at);
    },
    (config) => {
      if (config.sources.some((s) => s.id === sourceId && s.enabled === enabled)) return;
      const problem = config.problems.find((p) => p.sourceId === sourceId);
      throw problem ? new ConfigError([problem]) : refuse(`entry "${sourceId}" did not load`);
    },
    opts,
  );
}

/** The poll interval sources.yaml gives entries without their own `every` (its `defaults.every`). */
export function defaultEveryMs(dir: string): number {
  const file = join(dir, 'sources.yaml');
  const root = existsSync(file)
    ? (parseDocument(readFileSync(file, 'utf8')).toJS() as { defaults?: unknown } | null)
    : null;
  const parsed = SourcesDefaults.safeParse(root?.defaults ?? {});
  return parsed.success ? parsed.data.every : SourcesDefaults.parse({}).every;
}
