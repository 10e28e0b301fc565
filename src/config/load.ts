import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, LineCounter, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { WireConfig, SourceConfig, SourcesDefaults, type ConfigProblem, type LoadedConfig, type Source } from './schema.js';
import { readEnv } from './env.js';

/** A config file that cannot be used at all (wire.yaml invalid, file missing, YAML syntax). */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  return `  ${where} ${p.path || '(root)'}: ${p.message}`;
}

/** --config DIR, else WIRE_CONFIG_DIR, else ./config */
export function resolveConfigDir(flag?: string): string {
  return resolve(flag ?? readEnv('WIRE_CONFIG_DIR'));
}

interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

function readYaml(file: string): YamlFile {
  if (!existsSync(file)) throw new ConfigError([{ file, path: '', line: null, message: 'file not found' }]);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => ({ file, path: '', line: e.linePos?.[0]?.line ?? null, message: e.message.split('\n')[0] })),
    );
  }
  return { file, doc, lines };
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

function lineOf(y: YamlFile, path: readonly PropertyKey[]): number | null {
  // Walk up until a node exists: an unknown or missing key points at its parent.
  for (let n = path.length; n >= 0; n--) {
    const node = y.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return y.lines.linePos(node.range[0]).line;
  }
  return null;
}

function problemsOf(y: YamlFile, error: z.ZodError, prefix: PropertyKey[] = []): ConfigProblem[] {
  return error.issues.map((issue) => {
    let path = [...prefix, ...issue.path];
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      // Point at the unknown key itself, which is what the operator has to delete or fix.
      path = [...path, issue.keys[0]];
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return { file: y.file, path: pathText(path), line: lineOf(y, path), message };
  });
}

/**
 * Loads wire.yaml and sources.yaml from a config directory.
 *
 * wire.yaml must be valid as a whole (it holds site-wide rules: running with a broken one would publish
 * wrongly everywhere). In sources.yaml each entry stands alone: a bad one is reported in `problems` and
 * skipped, the others still run.
 */
export function loadConfig(dir: string): LoadedConfig {
  const wireFile = readYaml(join(dir, 'wire.yaml'));
  const wireParsed = WireConfig.safeParse(wireFile.doc.toJS() ?? {});
  if (!wireParsed.success) throw new ConfigError(problemsOf(wireFile, wireParsed.error));

  const sourcesFile = readYaml(join(dir, 'sources.yaml'));
  const root = (sourcesFile.doc.toJS() ?? {}) as Record<string, unknown>;
  const problems: ConfigProblem[] = [];

  const topKeys = Object.keys(root).filter((k) => k !== 'defaults' && k !== 'sources');
  if (topKeys.length) {
    throw new ConfigError([
      { file: sourcesFile.file, path: topKeys[0], line: lineOf(sourcesFile, [topKeys[0]]), message: `unknown key "${topKeys[0]}"` },
    ]);
  }
  const defaults = SourcesDefaults.safeParse(root.defaults ?? {});
  if (!defaults.success) throw new ConfigError(problemsOf(sourcesFile, defaults.error, ['defaults']));
  if (!Array.isArray(root.sources)) {
    throw new ConfigError([
      { file: sourcesFile.file, path: 'sources', line: lineOf(sourcesFile, ['sources']), message: 'must be a list of sources' },
    ]);
  }

  const sources: Source[] = [];
  const seenIds = new Map<string, number>();
  root.sources.forEach((entry, index) => {
    const parsed = SourceConfig.safeParse(entry);
    const rawId = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : undefined;
    if (!parsed.success) {
      for (const p of problemsOf(sourcesFile, parsed.error, ['sources', index])) problems.push({ ...p, sourceId: rawId });
      return;
    }
    const s = parsed.data;
    const first = seenIds.get(s.id);
    if (first !== undefined) {
      problems.push({
        file: sourcesFile.file,
        path: `sources[${index}].id`,
        line: lineOf(sourcesFile, ['sources', index, 'id']),
        message: `duplicate id "${s.id}" (first used at sources[${first}]); this entry is skipped`,
        sourceId: s.id,
      });
      return;
    }
    seenIds.set(s.id, index);
    sources.push({
      id: s.id,
      name: s.name,
      feed: s.feed,
      everyMs: s.every ?? defaults.data.every,
      enabled: s.enabled,
      extract: s.extract ?? {},
      ...(s.headline ? { headline: s.headline } : {}),
      ...(s.politeness ? { politeness: s.politeness } : {}),
    });
  });

  return { dir, wire: wireParsed.data, sources, problems };
}
