/**
 * Disable / Enable on the sources page: with console.writeConfig: true they set `enabled` in sources.yaml
 * (validated first, atomic, sources.yaml.bak kept, the rest of the file byte for byte) and reload the config;
 * with it off they keep a pause in Redis and a source disabled in sources.yaml cannot be enabled from the page.
 * The viewer can do neither. The page, `wire sources list --json` and /api/sources agree afterwards.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runWire } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { ADMIN, login, post, startConsole, VIEWER, type ConsoleHarness } from './harness.js';

const WIRE = (write: boolean) => `site: Example Daily\nconsole:\n  writeConfig: ${write}\n`;
// Comments, odd spacing, blank lines, quotes, a flow list and a last line without a newline: all kept.
const SOURCES = `# Our agencies. Keep this comment.
defaults:
  every: 10m    # the house default

sources:
  - id: alpha    # the first one
    name: Alpha Agency
    feed: https://feeds.alpha.example/world.xml
    headline:
      strip: [ "EXCLUSIVE: ",   "FLASH: " ]   # theirs

  # Beta is off until their feed is fixed.
  - id: beta
    name: "Beta News"
    feed: https://beta.example/rss
    enabled: false

  - id: gamma
    name: 'Gamma Wire'
    feed: https://gamma.example/rss      # trailing comment`;

const ALPHA_FEED = '      strip: [ "EXCLUSIVE: ",   "FLASH: " ]   # theirs\n';
const BETA_OFF = '    feed: https://beta.example/rss\n    enabled: false\n';

interface Row {
  id: string;
  enabled: boolean;
  health: { paused: unknown };
}

/** Each source's enabled flag and pause as the page, `wire sources list --json` and /api/sources show them. */
async function views(h: ConsoleHarness, cookie: string) {
  const $ = load(await (await fetch(`${h.url}/`, { headers: { cookie } })).text());
  const page = Object.fromEntries(
    $('tr[data-source]')
      .toArray()
      .map((tr) => [$(tr).attr('data-source')!, $(tr).attr('data-state')!]),
  );
  const cli = await runWire(['sources', 'list', '--json', '--config', h.dir], {
    REDIS_URL: TEST_REDIS_URL,
    WIRE_PREFIX: h.rt.prefix,
  });
  expect(cli.code, cli.stderr).toBe(0);
  const state = (r: Row) => (!r.enabled ? 'disabled' : r.health.paused ? 'paused' : 'on');
  const fromCli = Object.fromEntries((JSON.parse(cli.stdout).sources as Row[]).map((r) => [r.id, state(r)]));
  const api = (await (await fetch(`${h.url}/api/sources`, { headers: { authorization: `Bearer ${ADMIN}` } })).json())
    .sources as Row[];
  const fromApi = Object.fromEntries(api.map((r) => [r.id, state(r)]));
  const fromPage = Object.fromEntries(
    Object.entries(page).map(([id, s]) => [id, s === 'disabled' || s === 'paused' ? s : 'on']),
  );
  return { $, fromPage, fromCli, fromApi };
}

const message = (r: Response, h: ConsoleHarness) => {
  const to = new URL(r.headers.get('location')!, h.url);
  return { done: to.searchParams.get('done'), failed: to.searchParams.get('failed') };
};

describe('disable / enable with console.writeConfig: true', () => {
  let h: ConsoleHarness;
  let cookie: string;
  const reloads: string[] = [];
  let file: string;
  beforeAll(async () => {
    h = await startConsole({
      wireYaml: WIRE(true),
      sourcesYaml: SOURCES,
      reloadConfig: (why) => {
        reloads.push(why);
        h.rt.reload(loadConfig(h.dir));
      },
    });
    file = join(h.dir, 'sources.yaml');
    cookie = (await login(h.url, ADMIN))!;
  });
  afterAll(async () => h?.close());

  it('the page offers Enable for a source disabled in sources.yaml and says how the change is picked up', async () => {
    const { $ } = await views(h, cookie);
    expect($('tr[data-source="beta"] form[action="/sources/beta/resume"]').text()).toContain('Enable');
    expect($('tr[data-source="beta"] [data-why]').length).toBe(0);
    expect($('[data-help="disable"]').text()).toMatch(/SIGHUP or with --watch/);
  });

  it('Disable writes enabled: false under that entry only, keeps a backup, reloads, and is logged', async () => {
    const r = await post(h.url, '/sources/alpha/pause', cookie);
    expect(message(r, h).done).toMatch(/alpha disabled in .*sources\.yaml.*other wire processes pick it up on SIGHUP/);
    const expected = SOURCES.replace(ALPHA_FEED, `${ALPHA_FEED}    enabled: false\n`);
    expect(expected).not.toBe(SOURCES);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(SOURCES);
    expect(reloads).toEqual(['console disabled source alpha']);
    expect(h.lines.find((l) => l.action === 'disable')).toMatchObject({
      role: 'admin',
      sourceId: 'alpha',
      file,
      backup: `${file}.bak`,
    });
    // Not a Redis pause: the config says so, and every reader agrees.
    expect(await h.rt.health.paused('alpha')).toBeNull();
    const v = await views(h, cookie);
    expect(v.fromPage).toEqual({ alpha: 'disabled', beta: 'disabled', gamma: 'on' });
    expect(v.fromCli).toEqual(v.fromPage);
    expect(v.fromApi).toEqual(v.fromPage);
  });

  it('Enable removes the enabled: false line of a source disabled in the file; Enable of alpha restores the file', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await post(h.url, '/sources/beta/resume', cookie);
    expect(message(r, h).done).toMatch(/beta enabled/);
    expect(readFileSync(file, 'utf8')).toBe(before.replace(BETA_OFF, '    feed: https://beta.example/rss\n'));
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before);
    await post(h.url, '/sources/alpha/resume', cookie);
    expect(readFileSync(file, 'utf8')).toBe(SOURCES.replace(BETA_OFF, '    feed: https://beta.example/rss\n'));
    expect(h.lines.filter((l) => l.action === 'enable').map((l) => [l.role, l.sourceId])).toEqual([
      ['admin', 'beta'],
      ['admin', 'alpha'],
    ]);
    const v = await views(h, cookie);
    expect(v.fromPage).toEqual({ alpha: 'on', beta: 'on', gamma: 'on' });
    expect(v.fromCli).toEqual(v.fromPage);
    expect(v.fromApi).toEqual(v.fromPage);
  });

  it('Disable of the last entry (a comment after its last key, no newline at the end) keeps the comment', async () => {
    const before = readFileSync(file, 'utf8');
    await post(h.url, '/sources/gamma/pause', cookie);
    expect(readFileSync(file, 'utf8')).toBe(`${before}\n    enabled: false\n`);
    expect(loadConfig(h.dir).sources.find((s) => s.id === 'gamma')?.enabled).toBe(false);
    await post(h.url, '/sources/gamma/resume', cookie);
    expect(readFileSync(file, 'utf8')).toBe(`${before}\n`);
  });

  it('Enable also lifts a pause kept in Redis', async () => {
    await h.rt.health.setPaused('alpha', { by: 'console (admin)', at: new Date().toISOString() });
    const r = await post(h.url, '/sources/alpha/resume', cookie);
    expect(message(r, h).done).toMatch(/alpha resumed/);
    expect(await h.rt.health.paused('alpha')).toBeNull();
  });

  it('an invalid result never replaces the file: nothing written, the backup untouched, the refusal logged', async () => {
    // The file was edited by hand since: alpha's entry no longer loads once changed, beta is gone.
    const edited = readFileSync(file, 'utf8').replace(
      '    name: Alpha Agency\n',
      '    name: Alpha Agency\n    every: banana\n',
    );
    const withoutBeta = edited.replace(/ {2}# Beta[^]*?rss\n\n/, '');
    expect(withoutBeta).not.toContain('id: beta');
    writeFileSync(file, withoutBeta);
    const bak = readFileSync(`${file}.bak`, 'utf8');
    for (const [path, why] of [
      ['/sources/alpha/pause', /sources\.yaml not changed: .*every/],
      ['/sources/beta/pause', /sources\.yaml not changed: .*no entry with id "beta"/],
    ] as const) {
      const r = await post(h.url, path, cookie);
      expect(message(r, h).failed, path).toMatch(why);
    }
    expect(readFileSync(file, 'utf8')).toBe(withoutBeta);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(bak);
    expect(h.lines.filter((l) => l.action === 'disable' && String(l.result).startsWith('refused')).length).toBe(2);
    writeFileSync(file, SOURCES);
  });

  it('the viewer can neither disable nor enable (403), and nothing is written', async () => {
    const viewer = (await login(h.url, VIEWER))!;
    const before = readFileSync(file, 'utf8');
    for (const path of ['/sources/alpha/pause', '/sources/beta/resume']) {
      const r = await post(h.url, path, viewer);
      expect(r.status, path).toBe(403);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    const $ = load(await (await fetch(`${h.url}/`, { headers: { cookie: viewer } })).text());
    expect($('form[action$="/pause"], form[action$="/resume"]').length).toBe(0);
  });
});

describe('disable / enable with console.writeConfig off (the default)', () => {
  let h: ConsoleHarness;
  let cookie: string;
  let file: string;
  beforeAll(async () => {
    h = await startConsole({ wireYaml: WIRE(false), sourcesYaml: SOURCES });
    file = join(h.dir, 'sources.yaml');
    cookie = (await login(h.url, ADMIN))!;
  });
  afterAll(async () => h?.close());

  it('Disable is a pause kept in Redis; sources.yaml unchanged, no backup; every reader agrees', async () => {
    const r = await post(h.url, '/sources/alpha/pause', cookie);
    expect(message(r, h).done).toMatch(/alpha paused/);
    expect(readFileSync(file, 'utf8')).toBe(SOURCES);
    expect(existsSync(`${file}.bak`)).toBe(false);
    expect(h.lines.find((l) => l.action === 'pause')).toMatchObject({ role: 'admin', sourceId: 'alpha' });
    const v = await views(h, cookie);
    expect(v.fromPage).toEqual({ alpha: 'paused', beta: 'disabled', gamma: 'on' });
    expect(v.fromCli).toEqual(v.fromPage);
    expect(v.fromApi).toEqual(v.fromPage);
    expect(v.$('[data-help="pause"]').text()).toMatch(/cannot be enabled from this page/);
    await post(h.url, '/sources/alpha/resume', cookie);
    expect((await views(h, cookie)).fromPage.alpha).toBe('on');
  });

  it('a source disabled in sources.yaml shows why it cannot be enabled here, and a POST is refused', async () => {
    const { $ } = await views(h, cookie);
    const row = $('tr[data-source="beta"]');
    expect(row.find('form').length).toBe(0);
    expect(row.find('[data-why="yaml-disabled"]').text()).toMatch(/console\.writeConfig.*is off/);
    const detail = load(await (await fetch(`${h.url}/sources/beta`, { headers: { cookie } })).text());
    expect(detail('[data-why="yaml-disabled"]').text()).toMatch(/console\.writeConfig is off/);
    const r = await post(h.url, '/sources/beta/resume', cookie);
    expect(message(r, h).failed).toMatch(/disabled in sources\.yaml .*console\.writeConfig: true/);
    expect(h.lines.find((l) => l.action === 'resume' && l.sourceId === 'beta')).toMatchObject({
      role: 'admin',
      result: 'refused: disabled in sources.yaml',
    });
    expect(readFileSync(file, 'utf8')).toBe(SOURCES);
    expect(await h.rt.health.paused('beta')).toBeNull();
  });

  it('the viewer can neither pause nor resume (403)', async () => {
    const viewer = (await login(h.url, VIEWER))!;
    for (const path of ['/sources/alpha/pause', '/sources/alpha/resume']) {
      expect((await post(h.url, path, viewer)).status, path).toBe(403);
    }
    expect(await h.rt.health.paused('alpha')).toBeNull();
  });
});
