/** Environment variables in one registry (src/config/env.ts): read through it, and documented by it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV, envTable, readEnv, readNamedEnv } from '../../src/config/env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the environment registry', () => {
  it('is the README’s Environment table, row for row', () => {
    const section = README.slice(README.indexOf('### Environment'));
    expect(section.length).toBeLessThan(README.length);
    expect(section).toContain(envTable());
  });

  it('names every variable the README mentions (benchmark knobs aside)', () => {
    const mentioned = new Set([...README.matchAll(/\b(WIRE_[A-Z_]+|REDIS_URL|LOG_LEVEL)\b/g)].map((m) => m[1]));
    const unknown = [...mentioned].filter((n) => !(n in ENV) && !n.startsWith('WIRE_BENCH_'));
    expect(unknown).toEqual([]);
  });

  it('is the only place that reads process.env (src/ and the worker entries)', () => {
    const readers = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'workers'))]
      .filter((f) => !f.endsWith(join('config', 'env.ts')))
      // a read is process.env.NAME or process.env[name]; passing process.env on as a default parameter is not
      .filter((f) => /process\.env(\.|\[)/.test(readFileSync(f, 'utf8')));
    expect(readers.map((f) => f.slice(ROOT.length))).toEqual([]);
  });

  it('reads defaults, parses values, and treats empty as unset', () => {
    expect(readEnv('WIRE_PREFIX', {})).toBe('wire');
    expect(readEnv('WIRE_PREFIX', { WIRE_PREFIX: '' })).toBe('wire');
    expect(readEnv('WIRE_PREFIX', { WIRE_PREFIX: 'news' })).toBe('news');
    expect(readEnv('WIRE_PRIVATE_REDIS_PORT', {})).toBe(6479);
    expect(readEnv('WIRE_PRIVATE_REDIS_PORT', { WIRE_PRIVATE_REDIS_PORT: '7000' })).toBe(7000);
    expect(() => readEnv('WIRE_PRIVATE_REDIS_PORT', { WIRE_PRIVATE_REDIS_PORT: 'seven' })).toThrow(/port number/);
    expect(readEnv('WIRE_LOG_FORMAT', {})).toBeUndefined();
    expect(readEnv('WIRE_LOG_FORMAT', { WIRE_LOG_FORMAT: 'pretty' })).toBe('pretty');
    expect(readEnv('WIRE_ADMIN_TOKEN', { WIRE_ADMIN_TOKEN: '' })).toBeUndefined();
    expect(readNamedEnv('MY_HOOK_SECRET', { MY_HOOK_SECRET: 's' })).toBe('s');
  });

  it('reads at call time, not import time', () => {
    const before = process.env.WIRE_PRIVATE_REDIS_PORT;
    process.env.WIRE_PRIVATE_REDIS_PORT = '7123';
    try {
      expect(readEnv('WIRE_PRIVATE_REDIS_PORT')).toBe(7123);
    } finally {
      if (before === undefined) delete process.env.WIRE_PRIVATE_REDIS_PORT;
      else process.env.WIRE_PRIVATE_REDIS_PORT = before;
    }
  });
});
