import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, LineCounter, isMap, isNode, isScalar, type Document, type YAMLError } from 'yaml';
import { z } from 'zod';
import { authProblem } from './auth.js';
import {
  WireConfig,
  SourceConfig,
  SourcesDefaults,
  unknownRouteQueues,
  type ConfigProblem,
  type LoadedConfig,
  type Source,
} from './schema.js';
import { readEnv } from './env.js';

/** A config file that cannot be used at all (wire.yaml invalid, file missing, YAML syntax). */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    // One problem, one line (a YAML syntax error adds the line it is on and a caret under the spot).
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** `file:line: \`path\` message`, the way every command shows a config problem. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  if (!p.path) return `${where}: ${p.message}`;
  // "`site` is required ...", "`sources` must be ...", otherwise "`path`: message".
  const joined = /^(is|are|must) /.test(p.message) ? ' ' : ': ';
  return `${where}: \`${p.path}\`${joined}${p.message}`;
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

function readYaml(file: string, text?: string): YamlFile {
  if (text === undefined && !existsSync(file))
    throw new ConfigError([{ file, path: '', line: null, message: 'file not found' }]);
  const lines = new LineCounter();
  const source = text ?? readFileSync(file, 'utf8');
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) throw new ConfigError([syntaxProblem(file, source, doc.errors[0])]);
  return { file, doc, lines };
}

/**
 * The first YAML syntax error only (the parser's follow-on errors are consequences of it), with its line
 * and a caret under the column: "wire.yaml:3: YAML syntax: ... (column 5)" then the line and the caret.
 */
function syntaxProblem(file: string, text: string, e: YAMLError): ConfigProblem {
  const pos = e.linePos?.[0];
  const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (!pos) return { file, path: '', line: null, message: `YAML syntax: ${message}` };
  const source = (text.split(/\r?\n/)[pos.line - 1] ?? '').replace(/\t/g, ' ');
  const caret = `${' '.repeat(Math.max(0, pos.col - 1))}^`;
  return {
    file,
    path: '',
    line: pos.line,
    message: `YAML syntax: ${message} (column ${pos.col})\n    ${source}\n    ${caret}`,
  };
}

/** The schema under `path` (through optional, default and other wrappers), for its description. */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}
const defOf = (s: z.ZodType): SchemaDef => (s as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The schema under `path` (through optional, default and other wrappers), for its description. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | null {
  let s: z.ZodType | undefined = schema;
  for (const key of path) {
    for (let i = 0; i < 10; i++) {
      const d: SchemaDef = defOf(s);
      if (d.innerType) s = d.innerType;
      else if (d.type === 'pipe' && d.in) s = d.in;
      else break;
    }
    const d: SchemaDef = defOf(s);
    if (d.type === 'object' && typeof key === 'string') s = d.shape?.[key];
    else if (d.type === 'array' && typeof key === 'number') s = d.element;
    else return null;
    if (!s) return null;
  }
  return s;
}

/** What the schema says a field is for (its .describe()), outer wrapper first. */
function descriptionAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  const s = schemaAt(schema, path);
  if (!s) return undefined;
  return s.description ?? defOf(s).innerType?.description;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function lineOf(y: YamlFile, path: readonly PropertyKey[]): number | null {
  // Walk up until a node exists: an unknown or missing key points at its parent.
  for (let n = path.length; n >= 0; n--) {
    const node = y.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return y.lines.linePos(node.range[0]).line;
  }
  return null;
}

function problemsOf(y: YamlFile, error: z.ZodError, schema: z.ZodType, prefix: PropertyKey[] = []): ConfigProblem[] {
  return error.issues.map((issue) => {
    let path = [...prefix, ...issue.path];
    let message = issue.message;
    let line = lineOf(y, path);
    if (issue.code === 'unrecognized_keys') {
      // Point at the unknown key itself, which is what the operator has to delete or fix.
      path = [...path, issue.keys[0]];
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      line = lineOf(y, path);
    } else if (
      issue.code === 'invalid_type' &&
      y.doc.hasIn(path as unknown[]) &&
      y.doc.getIn(path as unknown[]) == null
    ) {
      // `jobs:` with nothing under it is null in YAML: say so rather than "expected object, received null".
      message = `is empty: give it a value (${issue.expected}) or remove the line`;
    } else if (issue.code === 'invalid_type' && !y.doc.hasIn(path as unknown[])) {
      // A key that is not there has no line of its own (its parent's line would mislead): say what it is for.
      const what = descriptionAt(schema, issue.path);
      message = `is required${what ? ` (${what})` : ''}`;
      line = path.length > 1 ? lineOf(y, path.slice(0, -1)) : null;
    }
    return { file: y.file, path: pathText(path), line, message };
  });
}

/** A config file's text to use instead of the file on disk: how a write is validated before it lands. */
export type ConfigTexts = Partial<Record<'wire.yaml' | 'sources.yaml', string>>;

/**
 * Loads wire.yaml and sources.yaml from a config directory (or `texts` in place of either file).
 *
 * wire.yaml must be valid as a whole (it holds site-wide rules: running with a broken one would publish
 * wrongly everywhere). In sources.yaml each entry stands alone: a bad one is reported in `problems` and
 * skipped, the others still run.
 */
export function loadConfig(dir: string, texts: ConfigTexts = {}): LoadedConfig {
  const wireFile = readYaml(join(dir, 'wire.yaml'), texts['wire.yaml']);
  const wireParsed = WireConfig.safeParse(wireFile.doc.toJS() ?? {});
  if (!wireParsed.success) throw new ConfigError(problemsOf(wireFile, wireParsed.error, WireConfig));

  const sourcesFile = readYaml(join(dir, 'sources.yaml'), texts['sources.yaml']);
  const root = (sourcesFile.doc.toJS() ?? {}) as Record<string, unknown>;
  const problems: ConfigProblem[] = [];

  const topKeys = Object.keys(root).filter((k) => k !== 'defaults' && k !== 'sources');
  if (topKeys.length) {
    throw new ConfigError([
      {
        file: sourcesFile.file,
        path: topKeys[0],
        line: lineOf(sourcesFile, [topKeys[0]]),
        message: `unknown key "${topKeys[0]}"`,
      },
    ]);
  }
  const defaults = SourcesDefaults.safeParse(root.defaults ?? {});
  if (!defaults.success) throw new ConfigError(problemsOf(sourcesFile, defaults.error, SourcesDefaults, ['defaults']));
  if (root.sources === null) root.sources = []; // a bare `sources:` is a list with nothing in it yet
  if (!Array.isArray(root.sources)) {
    throw new ConfigError([
      {
        file: sourcesFile.file,
        path: 'sources',
        line: lineOf(sourcesFile, ['sources']),
        message: 'must be a list of sources',
      },
    ]);
  }

  const sources: Source[] = [];
  const seenIds = new Map<string, number>();
  root.sources.forEach((entry, index) => {
    const parsed = SourceConfig.safeParse(entry);
    const rawId = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : undefined;
    if (!parsed.success) {
      for (const p of problemsOf(sourcesFile, parsed.error, SourceConfig, ['sources', index]))
        problems.push({ ...p, sourceId: rawId });
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
    const badRoute = (s.rules ?? [])
      .map((rule, i) => ({ i, message: unknownRouteQueues(rule, wireParsed.data.publish.queues) }))
      .find((r) => r.message);
    if (badRoute?.message) {
      const path = ['sources', index, 'rules', badRoute.i, 'queues'];
      problems.push({
        file: sourcesFile.file,
        path: pathText(path),
        line: lineOf(sourcesFile, path),
        message: badRoute.message,
        sourceId: s.id,
      });
      return;
    }
    seenIds.set(s.id, index);
    const authIssue = s.auth ? authProblem(s.id, s.auth) : null;
    if (authIssue) {
      problems.push({
        file: sourcesFile.file,
        path: `sources[${index}].auth.fromEnv`,
        line: lineOf(sourcesFile, ['sources', index, 'auth', 'fromEnv']),
        message: authIssue,
        sourceId: s.id,
      });
      return;
    }
    sources.push({
      id: s.id,
      name: s.name,
      feed: s.feed,
      everyMs: s.every ?? defaults.data.every,
      enabled: s.enabled,
      extract: s.extract ?? {},
      ...(s.headline ? { headline: s.headline } : {}),
      ...(s.politeness ? { politeness: s.politeness } : {}),
      ...(s.rules?.length ? { rules: s.rules } : {}),
      ...(s.auth ? { auth: s.auth } : {}),
    });
  });

  // dedupe.prefer names sources: one that is not configured (or was skipped above) ranks nowhere.
  wireParsed.data.dedupe?.prefer.forEach((id, i) => {
    if (sources.some((s) => s.id === id)) return;
    problems.push({
      file: wireFile.file,
      path: `dedupe.prefer[${i}]`,
      line: lineOf(wireFile, ['dedupe', 'prefer', i]),
      message: `"${id}" is not a configured source; it ranks after every listed source`,
    });
  });

  // the line of the `redis:` key itself (lineOf gives its value's, the line below in block style)
  const redisKey = isMap(wireFile.doc.contents)
    ? wireFile.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'redis')?.key
    : undefined;
  const redisLine =
    isScalar(redisKey) && redisKey.range ? wireFile.lines.linePos(redisKey.range[0]).line : lineOf(wireFile, ['redis']);
  return {
    dir,
    wire: wireParsed.data,
    sources,
    problems,
    ...(wireParsed.data.redis ? { redisAt: redisLine === null ? wireFile.file : `${wireFile.file}:${redisLine}` } : {}),
  };
}
