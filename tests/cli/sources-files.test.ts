import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';

const WIRE = 'site: Example Daily\n';
const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Agencies</title></head>
  <body>
    <outline type="rss" text="Agency One" xmlUrl="https://one.example/rss"/>
    <outline type="rss" text="Agency Two" xmlUrl="https://two.example/rss"/>
  </body>
</opml>
`;

describe('wire sources import --write / export', () => {
  it.each([
    ['sources: []', 'sources: []\n'],
    ['a bare sources:', 'sources:\n'],
    [
      'a commented list',
      '# agencies\nsources:\n  - id: old   # keep me\n    name: Old\n    feed: https://old.example/rss\n',
    ],
    ['a missing file', null],
  ])('imports into %s and leaves a config that loads', async (_, text) => {
    const dir = writeConfig(WIRE, text ?? '');
    if (text === null) unlinkSync(join(dir, 'sources.yaml'));
    const opml = join(dir, 'feeds.opml');
    writeFileSync(opml, OPML);
    const r = await runWire(['sources', 'import', opml, '--write', '--config', dir], {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 imported, 0 skipped');
    const ids = loadConfig(dir).sources.map((s) => s.id);
    expect(ids.slice(-2)).toEqual(['agency-one', 'agency-two']);
    const after = readFileSync(join(dir, 'sources.yaml'), 'utf8');
    if (text?.includes('#')) expect(after.startsWith(text)).toBe(true); // comments and layout kept
    // The file as it was is kept beside it (nothing to keep when there was none).
    if (text === null) expect(existsSync(join(dir, 'sources.yaml.bak'))).toBe(false);
    else {
      expect(readFileSync(join(dir, 'sources.yaml.bak'), 'utf8')).toBe(text);
      expect(r.stderr).toContain('the previous file kept as');
    }
  });

  it('refuses an OPML file cut off in the middle: exit 2, the line named, nothing written', async () => {
    const text = 'sources: []\n';
    const dir = writeConfig(WIRE, text);
    const opml = join(dir, 'cut.opml');
    writeFileSync(opml, OPML.slice(0, OPML.indexOf('two.example')));
    const r = await runWire(['sources', 'import', opml, '--write', '--config', dir], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut\.opml: not well-formed XML at line 6, column \d+/);
    expect(r.stderr).not.toMatch(/\d+ imported/);
    expect(readFileSync(join(dir, 'sources.yaml'), 'utf8')).toBe(text);
  });

  it('export | import gives back the same sources in the same state', async () => {
    const from = writeConfig(
      WIRE,
      [
        'defaults:',
        '  every: 10m',
        'sources:',
        '  - id: wire-one',
        '    name: Agency One',
        '    feed: https://one.example/rss',
        '  - id: fast',
        '    name: Fast & "Quoted"',
        '    feed: https://two.example/rss?a=1&b=2',
        '    every: 2m',
        '  - id: paused-one',
        '    name: BBC News',
        '    feed: https://three.example/rss',
        '    enabled: false',
        '',
      ].join('\n'),
    );
    const to = writeConfig(WIRE, 'sources: []\n');
    const exported = await runWire(['sources', 'export', '--config', from], {});
    expect(exported.code, exported.stderr).toBe(0);
    const r = await runWire(['sources', 'import', '-', '--write', '--config', to], {}, exported.stdout);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('3 imported, 0 skipped');
    expect(loadConfig(to).sources).toEqual(loadConfig(from).sources);
  });
});
