/** `wire preview`: a page that gives no item is an answer (one `wire: ...` line, exit 1), not a crash. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_ARTICLES, articlePage } from '../../demo/agency-server.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';

describe('wire preview', () => {
  let server: Server;
  let origin: string;
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/story') return res.end(articlePage(origin, AGENCY_ARTICLES[0], AGENCY_ARTICLES));
      if (req.url === '/empty')
        return res.end(
          '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>',
        );
      if (req.url === '/big')
        return res.end(`<!doctype html><html><body><article><p>${'word '.repeat(20_000)}</p></article></body></html>`);
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = writeConfig(
      'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\n  maxBytes: 50000\n',
      'sources: []\n',
    );
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  it('prints the item of a page with an article (exit 0)', async () => {
    const r = await runWire(['preview', `${origin}/story`, '--config', dir], {});
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).headline).toBeTruthy();
  });

  it.each([
    ['/empty', /^wire: no-article: /],
    ['/big', /^wire: too-large: response body .*exceeds 50000 bytes/],
    ['/missing', /^wire: http-status: .*404/],
  ])('%s: one wire: line, exit 1, no FATAL and no stack', async (path, message) => {
    const r = await runWire(['preview', `${origin}${path}`, '--config', dir], { LOG_LEVEL: 'info' });
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/FATAL|"level":60|\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a URL that is not one is a usage error (exit 2)', async () => {
    const r = await runWire(['preview', 'not a url', '--config', dir], {});
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('wire: preview needs an absolute http(s) URL of an article page (got "not a url")');
  });
});
