import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';

const STORY = JSON.parse(agencyFixture('ninjs-story.json').toString('utf8')) as Record<string, unknown>;

/** The ninjs fixture as another story at a status, with an editorial note; a kill or hold has no body. */
function story(id: string, version: string, pubstatus: string, ednote: string | null): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...STORY, uri: `urn:wire.example:check:${id}`, version, pubstatus };
  if (ednote) doc.ednote = ednote;
  if (pubstatus !== 'usable') delete doc.bodies;
  return doc;
}

describe('wire sources check: a canceled and a withheld agency entry show their status and note, and nothing is fetched for them', () => {
  let agency: Listening;
  const hits: string[] = [];
  let dir: string;

  beforeAll(async () => {
    const list = [
      story('killed', '3', 'canceled', 'Kill: the story was sent in error.'),
      story('held', '2', 'withheld', 'Withheld: checking a quote.'),
      story('usable', '1', 'usable', null),
    ];
    agency = await listen('127.0.0.1', (req, res) => {
      hits.push(req.url ?? '/');
      if (req.url === '/ap') {
        // An AP-style item whose body is a NITF rendition on this host, behind the API key.
        const page = JSON.parse(agencyFixture('ap-page.json').toString('utf8')) as {
          data: { items: { item: { renditions: { nitf: { href: string } } } }[] };
        };
        page.data.items[0].item.renditions.nitf.href = `${agency.origin}/nitf`;
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
      }
      if (req.url === '/nitf') {
        if (req.headers['x-api-key'] !== KEY) return res.writeHead(401).end();
        return res.writeHead(200, { 'content-type': 'text/xml' }).end(agencyFixture('nitf-body.xml'));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
    });
    dir = writeConfig(
      'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\n',
      `sources:\n  - { id: wire, name: Example Wire, feed: "${agency.origin}/feed" }\n` +
        `  - { id: ap, name: AP, feed: "${agency.origin}/ap", auth: { header: x-api-key, fromEnv: CHECK_AP_KEY } }\n`,
    );
  });
  afterAll(async () => {
    await agency?.close();
  });
  const KEY = 'check-ap-key-93a1';

  it('in text and --json', async () => {
    hits.length = 0;
    const text = await runWire(['sources', 'check', 'wire', '--config', dir], { CHECK_AP_KEY: KEY });
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.split('\n').filter((l) => l.includes('agency:'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('ninjs id urn:wire.example:check:killed · version 3 · canceled ·');
    expect(lines[0]).toContain('note "Kill: the story was sent in error."');
    expect(lines[0]).toContain('no body');
    expect(lines[1]).toContain('ninjs id urn:wire.example:check:held · version 2 · withheld ·');
    expect(lines[1]).toContain('note "Withheld: checking a quote."');
    expect(lines[2]).toContain('version 1 · usable ·');
    expect(lines[2]).toContain('body delivered');
    // A kill or hold shows its lifecycle only: no headline, body or first paragraph is read for it.
    const killedBlock = text.stdout.slice(text.stdout.indexOf(lines[0]), text.stdout.indexOf(lines[1]));
    expect(killedBlock).not.toMatch(/headline|paragraph/i);
    expect(hits).toEqual(['/feed']);

    const json = await runWire(['sources', 'check', 'wire', '--json', '--config', dir], { CHECK_AP_KEY: KEY });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as {
      sources: { id: string; items: { agency: Record<string, unknown>; headline?: string }[] }[];
    };
    const [killed, held, usable] = report.sources.find((s) => s.id === 'wire')!.items;
    expect(killed.agency).toMatchObject({
      id: 'urn:wire.example:check:killed',
      pubStatus: 'canceled',
      editorialNote: 'Kill: the story was sent in error.',
      body: false,
    });
    expect(killed.headline).toBeUndefined();
    expect(held.agency).toMatchObject({ pubStatus: 'withheld', editorialNote: 'Withheld: checking a quote.' });
    expect(usable.agency).toMatchObject({ pubStatus: 'usable', body: true });
    expect(usable.headline).toBe('Beispielstadt baut zwölf Kilometer neue Radwege');
  }, 60_000);

  it('an AP-style item whose body is a rendition: fetched with the key and read as its body', async () => {
    hits.length = 0;
    const text = await runWire(['sources', 'check', 'ap', '--config', dir], { CHECK_AP_KEY: KEY });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('ap-media-api id d41d8cd98f00b204 · version 0 · usable');
    expect(text.stdout).toContain('body rendition (fetched)');
    expect(text.stdout).toContain('EXAMPLE FALLS (Example Wire) — The town library opened its new reading room');
    expect(hits).toEqual(['/ap', '/nitf']);
    expect(text.stdout + text.stderr).not.toContain(KEY);
    const json = await runWire(['sources', 'check', 'ap', '--json', '--config', dir], { CHECK_AP_KEY: KEY });
    const report = JSON.parse(json.stdout) as { sources: { items: { agency: Record<string, unknown> }[] }[] };
    expect(report.sources[0].items[0].agency).toMatchObject({ body: false, bodyRendition: true });
  }, 60_000);
});
