/**
 * The folder rules of src/ (file-level cycles are checked by `npm run cycles`):
 * - folders import each other one way only (no folder-level cycle);
 * - only the CLI builds the Runtime: no other module imports src/runtime.ts, so modules take interfaces of
 *   what they read; nothing inside src/ imports the package entry src/index.ts;
 * - the pipeline holds the stage decisions and knows nothing of BullMQ; src/queue/ is the BullMQ wiring.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module of src/ with the modules (relative to src/) and packages it imports. */
const modules = files(SRC).map((path) => {
  const text = readFileSync(path, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
  const local = specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(SRC, normalize(join(dirname(path), s))).replace(/\.js$/, '.ts'));
  return {
    file: relative(SRC, path),
    local,
    packages: specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:')),
  };
});

/** The folder of a module under src/; files at the top (errors.ts, runtime.ts, index.ts) are their own. */
const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : file);

describe('src/ layout', () => {
  it('finds the modules it checks', () => {
    expect(modules.length).toBeGreaterThan(100);
    expect(modules.some((m) => m.file === 'pipeline/poll-source.ts')).toBe(true);
  });

  it('has no cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const m of modules) {
      for (const target of m.local) {
        const [from, to] = [folderOf(m.file), folderOf(target)];
        if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' -> '));
        else if (!path.includes(next) && next > path[0]) visit(next, [...path, next]);
      }
    };
    for (const start of edges.keys()) visit(start, [start]);
    expect(cycles).toEqual([]);
  });

  it('builds the Runtime only in the CLI, and never imports the package entry from inside', () => {
    const offenders = modules
      .filter((m) => !m.file.startsWith('cli/') && m.local.includes('runtime.ts'))
      .map((m) => m.file);
    expect(offenders).toEqual([]);
    expect(modules.filter((m) => m.local.includes('index.ts')).map((m) => m.file)).toEqual([]);
  });

  it('keeps BullMQ and the queue wiring out of the pipeline', () => {
    const pipeline = modules.filter((m) => m.file.startsWith('pipeline/'));
    expect(pipeline.filter((m) => m.packages.includes('bullmq')).map((m) => m.file)).toEqual([]);
    expect(pipeline.filter((m) => m.local.some((t) => t.startsWith('queue/'))).map((m) => m.file)).toEqual([]);
  });
});
