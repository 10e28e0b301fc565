/**
 * Add a source from the console: discovery on a local site, a check of the chosen feed rendered as the
 * example consumer renders it, the ready sources.yaml entry; and the optional write (console.writeConfig).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startLocalAgency, type LocalAgency } from './agency.js';
import { ADMIN, login, post, startConsole, type ConsoleHarness } from './harness.js';

const WIRE = (write: boolean) =>
  `site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\nheadline:\n  case: sentence\n  strip: ["EXCLUSIVE: "]\nconsole:\n  writeConfig: ${write}\n`;
const SOURCES = `# Our agencies. Keep this comment.
defaults:
  every: 10m

sources:
  - id: alpha    # the first one
    name: Alpha Agency
    feed: https://feeds.alpha.example/world.xml
`;

describe('add a source', () => {
  let agency: LocalAgency;
  beforeAll(async () => {
    agency = await startLocalAgency();
  });
  afterAll(async () => agency?.close());

  describe('with console.writeConfig off (the default)', () => {
    let h: ConsoleHarness;
    let cookie: string;
    beforeAll(async () => {
      h = await startConsole({ wireYaml: WIRE(false), sourcesYaml: SOURCES });
      cookie = (await login(h.url, ADMIN))!;
    });
    afterAll(async () => h?.close());

    it('discovers the feed the site advertises and proposes an entry', async () => {
      const $ = load(
        await (
          await fetch(`${h.url}/add?site=${encodeURIComponent(`${agency.origin}/`)}`, { headers: { cookie } })
        ).text(),
      );
      expect($('li[data-feed]').length).toBe(2);
      const feed = $(`li[data-feed="${agency.origin}/world.xml"]`);
      expect(feed.text()).toContain('rss, 2 entries, advertised');
      const check = new URL(feed.find('a.button').attr('href')!, h.url);
      expect(check.pathname).toBe('/add/check');
      expect(check.searchParams.get('id')).toBe('local-agency-world');
    });

    it('checks it: original and restyled headline with the rules, the body, the attribution at the bottom; the entry to copy', async () => {
      const q = new URLSearchParams({
        id: 'local-agency-world',
        name: 'Local Agency World',
        feed: `${agency.origin}/world.xml`,
      });
      const $ = load(await (await fetch(`${h.url}/add/check?${q}`, { headers: { cookie } })).text());
      expect($('[data-check="ok"]').text()).toContain('2 entries');
      const first = $('.entry').first();
      expect(first.find('[data-headline="original"]').text()).toBe('EXCLUSIVE: Talks Resume In Geneva');
      expect(first.find('[data-headline="restyled"]').text().trim()).toBe('Talks resume in Geneva');
      expect(first.find('.rules').text()).toContain('strip');
      const article = first.find('.preview article');
      expect(article.find('h1').text()).toBe('Talks resume in Geneva');
      expect(article.find('.body').text()).toContain('Negotiators from both delegations');
      expect(article.find('footer .section').text()).toBe('Media Wire');
      expect(article.find('footer .disclaimer').text()).toContain('Example Daily');
      expect(article.find('footer .source').text()).toContain('Local Agency World');
      expect(article.find('footer .source a').attr('href')).toBe(`${agency.origin}/news/talks`);
      const yaml = $('#yaml').text();
      expect(yaml).toBe(
        `sources:\n  - id: local-agency-world\n    name: "Local Agency World"\n    feed: "${agency.origin}/world.xml"\n`,
      );
      // Writing is off: no button, and a POST changes nothing.
      expect($('form[action="/add/write"]').length).toBe(0);
      const before = readFileSync(join(h.dir, 'sources.yaml'), 'utf8');
      const r = await post(h.url, '/add/write', cookie, {
        id: 'local-agency-world',
        name: 'Local Agency World',
        feed: `${agency.origin}/world.xml`,
      });
      expect(new URL(r.headers.get('location')!, h.url).searchParams.get('failed')).toMatch(/writeConfig: false/);
      expect(readFileSync(join(h.dir, 'sources.yaml'), 'utf8')).toBe(before);
    });

    it('a check or a discovery asked for by another site is refused (the server fetches nothing)', async () => {
      const before = agency.hits.length;
      for (const path of [
        `/add?site=${encodeURIComponent(agency.origin)}`,
        `/add/check?${new URLSearchParams({ id: 'x', name: 'X', feed: `${agency.origin}/world.xml` })}`,
        '/sources/alpha/check',
      ]) {
        const r = await fetch(`${h.url}${path}`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
        expect(r.status, path).toBe(403);
      }
      expect(agency.hits.length).toBe(before);
    });

    it('names a feed that is already configured instead of proposing it again', async () => {
      writeFileSync(
        join(h.dir, 'sources.yaml'),
        `${SOURCES}  - id: local\n    name: Local\n    feed: ${agency.origin}/world.xml\n`,
      );
      const again = await startConsole({
        wireYaml: WIRE(false),
        sourcesYaml: readFileSync(join(h.dir, 'sources.yaml'), 'utf8'),
      });
      try {
        const c = (await login(again.url, ADMIN))!;
        const $ = load(
          await (
            await fetch(`${again.url}/add?site=${encodeURIComponent(agency.origin)}`, { headers: { cookie: c } })
          ).text(),
        );
        expect($(`li[data-feed="${agency.origin}/world.xml"]`).text()).toContain('Already configured as local');
        expect($(`li[data-feed="${agency.origin}/business.xml"] a.button`).attr('href')).toContain(
          'id=local-agency-business',
        );
      } finally {
        await again.close();
      }
    });
  });

  describe('with console.writeConfig: true', () => {
    let h: ConsoleHarness;
    let cookie: string;
    const reloads: string[] = [];
    beforeAll(async () => {
      // As wire start does: the console's reload loads the config again into the running runtime.
      h = await startConsole({
        wireYaml: WIRE(true),
        sourcesYaml: SOURCES,
        reloadConfig: (why) => {
          reloads.push(why);
          h.rt.reload(loadConfig(h.dir));
        },
      });
      cookie = (await login(h.url, ADMIN))!;
    });
    afterAll(async () => h?.close());

    it('writes the entry: validated, comments and layout kept, the previous file kept as sources.yaml.bak, logged', async () => {
      const file = join(h.dir, 'sources.yaml');
      const r = await post(h.url, '/add/write', cookie, {
        id: 'local-agency-world',
        name: 'Local Agency World',
        feed: `${agency.origin}/world.xml`,
      });
      expect(new URL(r.headers.get('location')!, h.url).searchParams.get('done')).toMatch(
        /local-agency-world added to/,
      );
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(SOURCES)).toBe(true); // byte for byte, comments included
      expect(text).toContain('# added from the console (admin)');
      expect(readFileSync(`${file}.bak`, 'utf8')).toBe(SOURCES);
      const loaded = loadConfig(h.dir);
      expect(loaded.sources.map((s) => s.id)).toEqual(['alpha', 'local-agency-world']);
      expect(loaded.problems).toEqual([]);
      // This process reloaded: the new source is on the sources page at once.
      expect(reloads).toEqual(['console added source local-agency-world']);
      const page = await (await fetch(`${h.url}/`, { headers: { cookie } })).text();
      expect(page).toContain('data-source="local-agency-world"');
      expect(h.lines.find((l) => l.action === 'add-source')).toMatchObject({
        role: 'admin',
        sourceId: 'local-agency-world',
        result: 'written',
      });
    });

    it('refuses an invalid entry and leaves the file (and its backup) as they were', async () => {
      const file = join(h.dir, 'sources.yaml');
      const before = readFileSync(file, 'utf8');
      const bakBefore = existsSync(`${file}.bak`) ? readFileSync(`${file}.bak`, 'utf8') : null;
      for (const form of [
        { id: 'Bad Id!', name: 'X', feed: `${agency.origin}/world.xml` },
        { id: 'nofeed', name: 'X', feed: 'not a url' },
        { id: 'alpha', name: 'Again', feed: `${agency.origin}/world.xml` },
      ]) {
        const r = await post(h.url, '/add/write', cookie, form);
        expect(new URL(r.headers.get('location')!, h.url).searchParams.get('failed'), form.id).toBeTruthy();
      }
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(existsSync(`${file}.bak`) ? readFileSync(`${file}.bak`, 'utf8') : null).toBe(bakBefore);
    });
  });
});
