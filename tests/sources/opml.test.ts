import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/config/schema.js';
import { slugId, uniqueId } from '../../src/sources/ids.js';
import { exportOpml, importOpml, yamlEntries } from '../../src/sources/opml.js';
import { parseDocument } from 'yaml';

const existing: Source[] = [
  {
    id: 'bbc-news',
    name: 'BBC News',
    feed: 'https://feeds.bbci.co.uk/news/rss.xml',
    everyMs: 600_000,
    enabled: true,
    extract: {},
  },
];

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Agencies</title></head>
  <body>
    <outline text="World">
      <outline type="rss" text="BBC News" xmlUrl="https://feeds.bbci.co.uk/news/rss.xml"/>
      <outline type="rss" text="BBC News" title="BBC News" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
      <outline type="rss" text="Agence France-Presse &amp; Co" xmlUrl="https://afp.example/rss"/>
    </outline>
    <outline type="rss" text="AFP again" xmlUrl="https://afp.example/rss"/>
    <outline type="rss" text="Télam Agência" xmlUrl="https://telam.example/feed"/>
    <outline text="A bookmark without a feed"/>
  </body>
</opml>`;

describe('OPML', () => {
  it('imports every feed outline with ids from titles, reporting duplicates', () => {
    const r = importOpml(OPML, existing);
    expect(r.entries).toEqual([
      { id: 'bbc-news-2', name: 'BBC News', feed: 'https://feeds.bbci.co.uk/news/world/rss.xml' },
      { id: 'agence-france-presse-co', name: 'Agence France-Presse & Co', feed: 'https://afp.example/rss' },
      { id: 'telam-agencia', name: 'Télam Agência', feed: 'https://telam.example/feed' },
    ]);
    expect(r.skipped).toEqual([
      { title: 'BBC News', feed: 'https://feeds.bbci.co.uk/news/rss.xml', reason: 'already configured as bbc-news' },
      {
        title: 'AFP again',
        feed: 'https://afp.example/rss',
        reason: 'listed twice (imported as agence-france-presse-co)',
      },
      { title: 'A bookmark without a feed', feed: null, reason: 'no xmlUrl' },
    ]);
  });

  it('prints YAML entries that parse back to the same sources', () => {
    const entries = importOpml(OPML, existing).entries;
    const doc = parseDocument(`sources:\n${yamlEntries(entries)}`).toJS();
    expect(doc.sources).toEqual(entries);
  });

  it('exports OPML 2.0 that imports back', () => {
    const sources: Source[] = [
      ...existing,
      { id: 'x', name: 'X & "Y"', feed: 'https://x.example/feed?a=1&b=2', everyMs: 1, enabled: false, extract: {} },
    ];
    const xml = exportOpml(sources, 'Example Daily', new Date('2026-11-27T00:00:00Z'));
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain('wireEnabled="false"');
    const back = importOpml(xml, []);
    expect(back.entries.map((e) => [e.name, e.feed])).toEqual(sources.map((s) => [s.name, s.feed]));
  });

  it('gives back ids, intervals and paused state from its own export', () => {
    const sources: Source[] = [
      {
        id: 'wire-one',
        name: 'Agency One',
        feed: 'https://one.example/rss',
        everyMs: 300_000,
        enabled: true,
        extract: {},
      },
      {
        id: 'paused',
        name: 'Paused Agency',
        feed: 'https://two.example/rss',
        everyMs: 600_000,
        enabled: false,
        extract: {},
      },
    ];
    const back = importOpml(exportOpml(sources, 'X'), []);
    expect(back.entries).toEqual([
      { id: 'wire-one', name: 'Agency One', feed: 'https://one.example/rss', everyMs: 300_000 },
      { id: 'paused', name: 'Paused Agency', feed: 'https://two.example/rss', everyMs: 600_000, enabled: false },
    ]);
    // as sources.yaml text: every only where it differs from the default, enabled only when paused
    expect(yamlEntries(back.entries, 600_000)).toBe(
      '  - id: wire-one\n    name: "Agency One"\n    feed: "https://one.example/rss"\n    every: 5m\n' +
        '  - id: paused\n    name: "Paused Agency"\n    feed: "https://two.example/rss"\n    enabled: false\n',
    );
  });

  it('refuses a file cut off in the middle, naming the line, instead of importing what came before', () => {
    const cut = OPML.slice(0, OPML.indexOf('https://afp.example/rss') + 10);
    expect(() => importOpml(cut, [])).toThrow(/not well-formed XML at line 8, column \d+/);
    expect(() => importOpml(OPML.replace('</opml>', ''), [])).toThrow(
      /not well-formed XML at line \d+.*unclosed tag: opml/,
    );
    expect(() => importOpml(OPML.replace('<head>', '<head><bad attr=1>'), [])).toThrow(/not well-formed XML at line 3/);
  });

  it('rejects a file that is not OPML', () => {
    expect(() => importOpml('<rss version="2.0"></rss>', [])).toThrow(/not an OPML document/);
  });

  it('makes valid, unique ids', () => {
    expect(slugId('  ¡Noticias de Última Hora!  ')).toBe('noticias-de-ultima-hora');
    expect(slugId('وكالة الأنباء')).toBe('source');
    const taken = new Set(['a']);
    expect([uniqueId('a', taken), uniqueId('a', taken), uniqueId('b', taken)]).toEqual(['a-2', 'a-3', 'b']);
  });
});
