/**
 * What the README says CI runs is what `.ci/run` runs, in the same order, and `npm run typecheck` checks the
 * types of everything tsconfig.eslint.json covers (tests, bench, scripts and demo too), not only src.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

/** The `npm ...` commands .ci/run runs, one per line, in order. */
function ciCommands(): string[] {
  return read('.ci/run')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^npm /.test(l));
}

/** The commands of every README sentence "`.ci/run` ... runs `a`, `b` ... and `c`." (quoted, in order). */
function readmeCiSentences(): string[][] {
  const text = read('README.md').replace(/\s+/g, ' ');
  return [...text.matchAll(/`\.ci\/run`[^.]*?runs (`npm [^.]*?)\./g)].map((m) =>
    [...m[1].matchAll(/`(npm [^`]+)`/g)].map((c) => c[1]),
  );
}

describe('.ci/run and the README', () => {
  it('every README sentence on .ci/run lists exactly its npm steps, in order', () => {
    const sentences = readmeCiSentences();
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    for (const commands of sentences) expect(commands).toEqual(ciCommands());
  });

  it('runs the type check before the lint', () => {
    const commands = ciCommands();
    expect(commands).toContain('npm run typecheck');
    expect(commands.indexOf('npm run typecheck')).toBeLessThan(commands.indexOf('npm run lint'));
  });

  it('npm run typecheck checks src alone and with tests, bench, scripts and demo', () => {
    const script = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.typecheck;
    expect(script).toContain('tsc -p tsconfig.json --noEmit');
    expect(script).toContain('tsc -p tsconfig.eslint.json --noEmit');
    const wide = JSON.parse(read('tsconfig.eslint.json')) as { include: string[] };
    expect(wide.include).toEqual(expect.arrayContaining(['src', 'workers', 'tests', 'bench', 'scripts', 'demo']));
  });
});
