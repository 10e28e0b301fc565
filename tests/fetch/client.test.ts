import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import {
  createFetcher,
  NetworkOptions,
  permanentRedirectTarget,
  type ClosableHttpClient,
  type FetcherDeps,
} from '../../src/fetch/index.js';
import { TEXT, brotliBomb, gzipBomb, hostileHandler, listen, type Listening } from './hostile-server.js';

let agency: Listening;
/** Stands for an internal service: must never receive a connection. */
let internal: Listening;
let internalV6: Listening | null = null;
const open: ClosableHttpClient[] = [];

beforeAll(async () => {
  internal = await listen('127.0.0.2', (_req, res) => res.end('internal secret'));
  try {
    internalV6 = await listen('::1', (_req, res) => res.end('internal secret'));
  } catch {
    internalV6 = null; // no IPv6 loopback here: the refusal is still checked, the counter is not
  }
  const bombs = { gzip: gzipBomb(), br: await brotliBomb() };
  agency = await listen(
    '127.0.0.1',
    hostileHandler({ privateOrigin: internal.origin, ipv6Origin: internalV6?.origin ?? null, bombs }),
  );
});

afterAll(async () => {
  await Promise.all([agency?.close(), internal?.close(), internalV6?.close()]);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

function fetcher(overrides: Partial<NetworkOptions> = {}, deps: FetcherDeps = {}): ClosableHttpClient {
  const f = createFetcher(
    NetworkOptions.parse({
      userAgent: 'MediaWireTest/1 (+https://example.test/bot)',
      allowPrivate: ['127.0.0.1'],
      connectTimeoutMs: 500,
      headersTimeoutMs: 500,
      bodyTimeoutMs: 1500,
      maxBytes: 256 * 1024,
      maxRedirects: 5,
      ...overrides,
    }),
    deps,
  );
  open.push(f);
  return f;
}

async function failure(promise: Promise<unknown>): Promise<WireError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WireError);
    return err as WireError;
  }
  throw new Error('expected the fetch to fail');
}

describe('ordinary responses', () => {
  it('fetches a body and reports what it sent and received', async () => {
    const res = await fetcher().fetch(`${agency.origin}/ok`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(TEXT);
    expect(res.finalUrl).toBe(`${agency.origin}/ok`);
    expect(res.redirects).toEqual([]);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.wireBytes).toBe(TEXT.length);
  });

  it('sends User-Agent, Accept and Accept-Encoding, plus caller headers', async () => {
    const res = await fetcher().fetch(`${agency.origin}/echo`, {
      accept: 'application/rss+xml',
      headers: { 'If-None-Match': '"v1"' },
    });
    const sent = JSON.parse(res.body.toString()) as Record<string, string>;
    expect(sent['user-agent']).toBe('MediaWireTest/1 (+https://example.test/bot)');
    expect(sent.accept).toBe('application/rss+xml');
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent['if-none-match']).toBe('"v1"');
  });

  it('keeps the connection alive between requests', async () => {
    const f = fetcher();
    const before = agency.connections;
    for (let i = 0; i < 5; i++) await f.fetch(`${agency.origin}/ok`);
    // undici may open a second socket when a request follows the previous body's end in the
    // same tick (it has not marked the first one idle yet); five requests still share two.
    expect(agency.connections - before).toBeLessThanOrEqual(2);
  });

  it.each(['/gzip', '/br', '/deflate', '/deflate-raw', '/gzip-br'])('decodes %s', async (path) => {
    const res = await fetcher().fetch(`${agency.origin}${path}`);
    expect(res.body.toString()).toBe(TEXT);
    expect(res.wireBytes).toBeLessThan(TEXT.length);
  });

  it('refuses a Content-Encoding it cannot decode', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/zstd`));
    expect(err.kind).toBe('parse');
    expect(err.message).toContain('zstd');
  });

  it('reports a corrupt gzip body', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/corrupt-gzip`));
    expect(err.kind).toBe('parse');
    expect(err.url).toBe(`${agency.origin}/corrupt-gzip`);
  });

  it('returns 304 with an empty body', async () => {
    const res = await fetcher().fetch(`${agency.origin}/304`, { headers: { 'if-none-match': '"v1"' } });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
    expect(res.headers.etag).toBe('"v1"');
  });

  it('only fetches http and https URLs', async () => {
    expect((await failure(fetcher().fetch('file:///etc/passwd'))).kind).toBe('config');
    expect((await failure(fetcher().fetch('not a url'))).kind).toBe('config');
  });
});

describe('HTTP status errors', () => {
  it('404 is permanent', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/404`));
    expect(err.kind).toBe('http-status');
    expect(err.message).toBe(`HTTP 404 Not Found from ${agency.origin}/404`);
    expect(err.status).toBe(404);
    expect(err.retryable).toBe(false);
  });

  it('500 is retryable', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/500`));
    expect(err).toMatchObject({ kind: 'http-status', status: 500, retryable: true });
  });

  it('429 carries Retry-After in seconds', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/429-seconds`));
    expect(err).toMatchObject({ kind: 'http-status', status: 429, retryable: true, retryAfterMs: 120_000 });
  });

  it('429 carries Retry-After as an HTTP date', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/429-date`));
    expect(err.retryAfterMs).toBeGreaterThan(28_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('an error status is reported at once even when its body trickles', async () => {
    const started = Date.now();
    const err = await failure(fetcher().fetch(`${agency.origin}/503-slow-body`));
    expect(err).toMatchObject({ kind: 'http-status', status: 503, retryAfterMs: 5000 });
    // The deadline is 1500 ms; failing well before it shows the body was not awaited.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('redirects', () => {
  it('follows a relative Location', async () => {
    const res = await fetcher().fetch(`${agency.origin}/rel`);
    expect(res.finalUrl).toBe(`${agency.origin}/ok`);
    expect(res.redirects).toEqual([{ from: `${agency.origin}/rel`, to: `${agency.origin}/ok`, status: 302 }]);
  });

  it('follows a chain of path-absolute, absolute and dot-relative Locations', async () => {
    const res = await fetcher().fetch(`${agency.origin}/chain/3`);
    expect(res.body.toString()).toBe(TEXT);
    expect(res.redirects.map((r) => [r.status, r.to])).toEqual([
      [302, `${agency.origin}/chain/2`],
      [307, `${agency.origin}/chain/1`],
      [303, `${agency.origin}/ok`],
    ]);
  });

  it('records a permanent move so the operator can be told', async () => {
    const moved = await fetcher().fetch(`${agency.origin}/moved`);
    expect(permanentRedirectTarget(moved.redirects)).toBe(`${agency.origin}/ok`);
    const mixed = await fetcher().fetch(`${agency.origin}/perm-then-temp`);
    expect(mixed.finalUrl).toBe(`${agency.origin}/ok`);
    expect(permanentRedirectTarget(mixed.redirects)).toBe(`${agency.origin}/temp`);
    const temp = await fetcher().fetch(`${agency.origin}/temp`);
    expect(permanentRedirectTarget(temp.redirects)).toBeNull();
  });

  it('detects a loop', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/loop/a`));
    expect(err.kind).toBe('redirect');
    expect(err.message).toContain('redirect loop');
    expect(err.retryable).toBe(false);
  });

  it('allows exactly maxRedirects hops and no more', async () => {
    const res = await fetcher().fetch(`${agency.origin}/hops/5`);
    expect(res.body.toString()).toBe('arrived');
    expect(res.redirects).toHaveLength(5);
    const err = await failure(fetcher().fetch(`${agency.origin}/hops/6`));
    expect(err.kind).toBe('redirect');
    expect(err.message).toContain('more than 5 redirects');
    expect((await failure(fetcher({ maxRedirects: 0 }).fetch(`${agency.origin}/rel`))).kind).toBe('redirect');
  });

  it('drops credentials when a redirect leaves the origin, keeps the rest', async () => {
    const other = await listen('127.0.0.1', (req, res) => res.end(JSON.stringify(req.headers)));
    try {
      const res = await fetcher().fetch(`${agency.origin}/to-other-origin?port=${other.port}`, {
        headers: { authorization: 'Bearer secret', cookie: 'a=b', 'if-none-match': '"v1"' },
      });
      const sent = JSON.parse(res.body.toString()) as Record<string, string>;
      expect(sent.authorization).toBeUndefined();
      expect(sent.cookie).toBeUndefined();
      expect(sent['if-none-match']).toBe('"v1"');
    } finally {
      await other.close();
    }
  });

  it('rejects a redirect without Location or to another scheme', async () => {
    expect((await failure(fetcher().fetch(`${agency.origin}/no-location`))).kind).toBe('redirect');
    const err = await failure(fetcher().fetch(`${agency.origin}/to-ftp`));
    expect(err.kind).toBe('redirect');
    expect(err.message).toContain('ftp:');
  });
});

describe('network guard', () => {
  it('refuses a redirect to 127.0.0.2 without connecting', async () => {
    const before = internal.connections;
    const err = await failure(fetcher().fetch(`${agency.origin}/to-private`));
    expect(err.kind).toBe('guard');
    expect(err.message).toBe('refused to connect to 127.0.0.2 (loopback): not in network.allowPrivate');
    expect(err.url).toBe(`${internal.origin}/secret`);
    expect(err.retryable).toBe(false);
    expect(internal.connections).toBe(before);
  });

  it('refuses a redirect to [::1] without connecting', async () => {
    const before = internalV6?.connections ?? 0;
    const err = await failure(fetcher().fetch(`${agency.origin}/to-ipv6`));
    expect(err.kind).toBe('guard');
    expect(err.message).toBe('refused to connect to ::1 (loopback): not in network.allowPrivate');
    if (internalV6) expect(internalV6.connections).toBe(before);
  });

  it('refuses literal private hosts in every spelling Node normalises', async () => {
    const port = internal.port;
    const before = internal.connections;
    for (const host of ['127.0.0.2', '0x7f.0.0.2', '2130706434', '127.2', '[::ffff:127.0.0.2]', '[::ffff:7f00:2]']) {
      const err = await failure(fetcher().fetch(`http://${host}:${port}/secret`));
      expect(err.kind, host).toBe('guard');
    }
    expect(internal.connections).toBe(before);
  });

  it('checks the resolved address, so a name rebound to loopback is refused', async () => {
    const resolve = async () => [{ address: '127.0.0.2', family: 4 }];
    const before = internal.connections;
    const err = await failure(fetcher({}, { resolve }).fetch(`http://rebind.test:${internal.port}/secret`));
    expect(err.kind).toBe('guard');
    expect(err.message).toBe('refused to connect to rebind.test at 127.0.0.2 (loopback): not in network.allowPrivate');
    // ... also when the name is reached through a redirect.
    const viaRedirect = await failure(
      fetcher({}, { resolve }).fetch(`${agency.origin}/to-rebind?port=${internal.port}`),
    );
    expect(viaRedirect.kind).toBe('guard');
    expect(internal.connections).toBe(before);
  });

  it('dials only the allowed addresses of a name that resolves to several', async () => {
    const resolve = async () => [
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const before = internal.connections;
    const res = await fetcher({}, { resolve }).fetch(`http://agency.test:${agency.port}/echo`);
    expect(JSON.parse(res.body.toString())).toMatchObject({ host: `agency.test:${agency.port}` });
    expect(internal.connections).toBe(before);
  });

  it('lets an allowed host name through whatever it resolves to', async () => {
    const resolve = async () => [{ address: '127.0.0.2', family: 4 }];
    const before = internal.connections;
    const f = fetcher({ allowPrivate: ['127.0.0.1', 'intranet.test'] }, { resolve });
    const res = await f.fetch(`http://intranet.test:${internal.port}/`);
    expect(res.body.toString()).toBe('internal secret');
    expect(internal.connections).toBe(before + 1);
  });

  it('a CIDR in allowPrivate lets a range through', async () => {
    const before = internal.connections;
    const res = await fetcher({ allowPrivate: ['127.0.0.0/8'] }).fetch(`${internal.origin}/`);
    expect(res.body.toString()).toBe('internal secret');
    expect(internal.connections).toBe(before + 1);
  });
});

describe('time limits', () => {
  it('cuts off a slowloris body at the whole-body deadline', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ bodyTimeoutMs: 600 }).fetch(`${agency.origin}/slowloris`));
    const took = Date.now() - started;
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('bodyTimeoutMs');
    expect(err.retryable).toBe(true);
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(1400);
  });

  it('gives up on headers that never come', async () => {
    const err = await failure(fetcher({ headersTimeoutMs: 200 }).fetch(`${agency.origin}/slow-headers`));
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('headersTimeoutMs');
  });

  it('times out a connect that does not complete (slow DNS counts)', async () => {
    const resolve = () => new Promise<never>(() => {});
    const err = await failure(
      fetcher({ connectTimeoutMs: 150 }, { resolve }).fetch(`http://slow-dns.test:${agency.port}/ok`),
    );
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('connectTimeoutMs');
  });

  it('honours the caller abort signal', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    const err = await failure(fetcher().fetch(`${agency.origin}/slowloris`, { signal: ctl.signal }));
    expect(err.kind).toBe('network');
    expect(err.message).toContain('aborted');
  });
});

describe('size limits', () => {
  it('stops a huge chunked body on the wire', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/huge`));
    expect(err.kind).toBe('too-large');
    expect(err.message).toContain('on the wire');
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/huge-declared`));
    expect(err.kind).toBe('too-large');
    expect(err.message).toContain(`of ${50 * 1024 * 1024} bytes`);
  });

  it('a per-request maxBytes overrides the default', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/ok`, { maxBytes: 100 }));
    expect(err.kind).toBe('too-large');
  });

  it.each(['/gzip-bomb', '/br-bomb'])('stops %s (1 GiB inflated) at the cap without inflating it', async (path) => {
    const started = Date.now();
    const err = await failure(fetcher().fetch(`${agency.origin}${path}`));
    expect(err.kind).toBe('too-large');
    expect(err.message).toContain('after decompression');
    // Inflating the whole GiB takes ~2 s here; stopping at 256 KiB takes milliseconds.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('broken connections', () => {
  it('reports a connection reset mid-body as a retryable network error', async () => {
    const err = await failure(fetcher().fetch(`${agency.origin}/reset`));
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
    expect(err.cause).toBeDefined();
  });

  it('reports a refused connection', async () => {
    const gone = await listen('127.0.0.1', () => {});
    const port = gone.port;
    await gone.close();
    const err = await failure(fetcher().fetch(`http://127.0.0.1:${port}/`));
    expect(err.kind).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
  });
});
