import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const RULES = new URL('../../deploy/prometheus/alerts.yml', import.meta.url);
const METRICS = readFileSync(new URL('../../src/metrics/index.ts', import.meta.url), 'utf8');

describe('deploy/prometheus/alerts.yml', () => {
  const doc = parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
  const rules = doc.groups.flatMap((g) => g.rules);

  it('names only metrics the service exports, and covers every alert kind', () => {
    for (const r of rules) {
      for (const name of r.expr.match(/\bwire_[a-z_]+/g) ?? [])
        expect(METRICS, `${r.alert}: ${name}`).toContain(`name: '${name}'`);
    }
    for (const kind of ['quiet', 'failing', 'degrading', 'moved'])
      expect(rules.some((r) => r.expr.includes(`kind="${kind}"`))).toBe(true);
  });

  it('passes promtool check rules when promtool is installed (.ci/run runs it too)', () => {
    let promtool = true;
    try {
      execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    } catch {
      promtool = false;
    }
    if (promtool)
      expect(execFileSync('promtool', ['check', 'rules', RULES.pathname], { encoding: 'utf8' })).toMatch(
        /SUCCESS: 6 rules found/,
      );
  });
});
