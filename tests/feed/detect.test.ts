import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feed/index.js';

const FEED_URL = 'https://agency.example/feed.xml';
const parse = (doc: string | Uint8Array, contentType: string | null) =>
  parseFeed(typeof doc === 'string' ? Buffer.from(doc) : doc, { url: FEED_URL, contentType });

describe('not a feed', () => {
  it('an HTML page where a feed was expected gives not-a-feed with its title', async () => {
    const page = '<!DOCTYPE html><html><head><title>Agency  News – Home</title></head><body><p>Hi</p></body></html>';
    await expect(parse(page, 'text/html; charset=utf-8')).rejects.toMatchObject({
      name: 'WireError',
      kind: 'not-a-feed',
      retryable: false,
      url: FEED_URL,
      message: 'expected a feed but got an HTML page titled "Agency News – Home"',
    });
  });

  it('recognises a challenge page even when served as XML', async () => {
    const challenge =
      '<html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head><body></body></html>';
    await expect(parse(challenge, 'application/rss+xml')).rejects.toMatchObject({
      kind: 'not-a-feed',
      message: 'expected a feed but got an HTML page titled "Just a moment..."',
    });
  });

  it('decodes the page title with the page charset (meta), not the XML rules', async () => {
    const page = iconv.encode(
      '<html><head><meta charset="windows-1251"><title>Ошибка 404</title></head></html>',
      'windows-1251',
    );
    await expect(parse(new Uint8Array(page), 'text/html')).rejects.toMatchObject({
      message: 'expected a feed but got an HTML page titled "Ошибка 404"',
    });
  });

  it('an HTML page without a title still says what it is', async () => {
    await expect(parse('<html><body>nothing</body></html>', null)).rejects.toMatchObject({
      kind: 'not-a-feed',
      message: 'expected a feed but got an HTML page (no title)',
    });
  });

  it('XML that is not RSS, RDF or Atom names its root element', async () => {
    await expect(parse('<?xml version="1.0"?><note><to>x</to></note>', 'application/xml')).rejects.toMatchObject({
      kind: 'not-a-feed',
      message: expect.stringContaining('root element is <note>'),
    });
  });

  it('plain text and empty bodies are reported, not parsed', async () => {
    await expect(parse('Service temporarily unavailable', 'text/plain')).rejects.toMatchObject({ kind: 'not-a-feed' });
    await expect(parse('', 'application/rss+xml')).rejects.toMatchObject({
      kind: 'parse',
      message: expect.stringMatching(/empty/),
    });
    await expect(parse('  \n ', 'application/rss+xml')).rejects.toMatchObject({
      kind: 'parse',
      message: expect.stringMatching(/empty/),
    });
  });

  it('a feed served as text/html is still read as a feed', async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><title>T</title><item><link>https://a.example/1</link></item></channel></rss>',
      'text/html',
    );
    expect(feed.items).toHaveLength(1);
  });
});
