import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { readPage, type PageWork } from '../../src/pipeline/page.js';
import { PageThreads } from '../../src/pipeline/page-threads.js';
import { WireConfig } from '../../src/config/schema.js';
import { extractThreadCount } from '../../src/runtime.js';
import { availableParallelism } from 'node:os';

const PARAGRAPHS = [
  'Ministers from both sides met in Geneva on Tuesday for the first direct talks in three years, officials said.',
  'The talks, hosted by Switzerland, are expected to last two days and cover prisoner exchanges and border crossings.',
  'Neither delegation spoke to reporters on arrival at the lakeside hotel where the meetings are held.',
];
const PAGE = `<html lang="en"><head><title>Talks Resume In Geneva</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>Talks Resume In Geneva</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Agency</footer></body></html>`;

function work(url: string, html = PAGE, feedTitle: string | null = 'Talks Resume In Geneva'): PageWork {
  return {
    bytes: new TextEncoder().encode(html),
    contentType: 'text/html; charset=utf-8',
    url,
    feedTitle,
    style: { case: 'sentence' },
  };
}

const MISBEHAVING = new URL('../fixtures/threads/misbehaving-thread.ts', import.meta.url);
let pool: PageThreads | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('extraction threads', () => {
  it('read a page exactly as the inline reader does', async () => {
    pool = new PageThreads(2, 20_000);
    const threaded = await pool.read(work('https://agency.example/news/talks'));
    expect(threaded).toEqual(readPage(work('https://agency.example/news/talks')));
    expect(threaded.article.paragraphs).toEqual(PARAGRAPHS);
    expect(threaded.headline.text).toBe('Talks resume in Geneva');
  });

  it('move a page’s own bytes to the thread, and copy a view into a larger buffer rather than take it', async () => {
    pool = new PageThreads(1, 20_000);
    const own = work('https://agency.example/news/own');
    const bytes = own.bytes!;
    await pool.read(own);
    expect(bytes.byteLength).toBe(0); // handed over

    const encoded = new TextEncoder().encode(PAGE);
    const larger = new Uint8Array(encoded.length + 16);
    larger.set(encoded, 8);
    const view = larger.subarray(8, 8 + encoded.length);
    const read = await pool.read({ ...work('https://agency.example/news/view'), bytes: view });
    expect(read.article.paragraphs).toEqual(PARAGRAPHS);
    expect(larger.byteLength).toBe(encoded.length + 16); // still ours
  });

  it('keep the kind of a WireError thrown on the thread', async () => {
    pool = new PageThreads(1, 20_000);
    const err = await pool
      .read(work('https://agency.example/empty', '<html><body></body></html>', null))
      .catch((e) => e);
    expect(err).toBeInstanceOf(WireError);
    expect(err.kind).toBe('no-article');
    expect(err.retryable).toBe(false);
  });

  it('use no more threads than their size and answer every page', async () => {
    pool = new PageThreads(2, 20_000);
    const urls = Array.from({ length: 6 }, (_, i) => `https://agency.example/news/${i}`);
    const results = await Promise.all(urls.map((u) => pool!.read(work(u))));
    expect(results.map((r) => r.article.metadata.canonicalUrl)).toEqual(urls);
    expect((pool as unknown as { threads: Set<unknown> }).threads.size).toBe(2);
  });

  it('stop a runaway page after the timeout, fail it with the reason, and go on with a fresh thread', async () => {
    pool = new PageThreads(1, 300, undefined, MISBEHAVING);
    const lines: { msg: string; sourceId?: string; url?: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }).child({
      sourceId: 'agency',
    });
    const err = await pool.read(work('https://agency.example/spin'), log).catch((e) => e);
    // logged on the caller's logger, so the line names the source
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: expect.stringMatching(/timed out/),
        sourceId: 'agency',
        url: 'https://agency.example/spin',
      }),
    );
    expect(err).toBeInstanceOf(WireError);
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/longer than 0.3 s .*extractTimeout/);
    expect(err.url).toBe('https://agency.example/spin');
    const next = await pool.read(work('https://agency.example/news/after'));
    expect(next.article.paragraphs).toEqual(PARAGRAPHS);
  });

  it('fail only the page whose thread crashed, and replace the thread', async () => {
    pool = new PageThreads(1, 20_000, undefined, MISBEHAVING);
    const [crashed, fine] = await Promise.allSettled([
      pool.read(work('https://agency.example/crash')),
      pool.read(work('https://agency.example/news/ok')),
    ]);
    expect(crashed.status).toBe('rejected');
    const reason = (crashed as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(WireError);
    expect(reason.kind).toBe('internal');
    expect(reason.message).toMatch(/crashed: the extractor fell over/);
    expect(fine.status).toBe('fulfilled');
  });

  it('fail pages, not loop, when a thread cannot start', async () => {
    pool = new PageThreads(1, 20_000, undefined, new URL('../fixtures/threads/broken-thread.ts', import.meta.url));
    const errors = await Promise.all(
      [1, 2].map((n) => pool!.read(work(`https://agency.example/news/${n}`)).catch((e) => e)),
    );
    for (const err of errors) {
      expect(err).toBeInstanceOf(WireError);
      expect(err.message).toMatch(/extraction thread crashed: cannot load the extractor/);
    }
  });

  it('reject work still waiting when closed, and refuse new work', async () => {
    pool = new PageThreads(1, 20_000, undefined, MISBEHAVING);
    const running = pool.read(work('https://agency.example/spin')).catch((e) => e);
    const waiting = pool.read(work('https://agency.example/news/queued')).catch((e) => e);
    await pool.close();
    expect((await running).message).toMatch(/shut down/);
    expect((await waiting).message).toMatch(/shut down/);
    expect((await pool.read(work('https://agency.example/news/late')).catch((e) => e)).message).toMatch(/shut down/);
  });
});

describe('jobs.extractThreads', () => {
  it('defaults to auto: one thread per core, never more than the jobs a worker runs at once; 0 reads inline', () => {
    const jobs = WireConfig.parse({ site: 'S' }).jobs;
    expect(jobs.extractThreads).toBe('auto');
    expect(jobs.extractTimeout).toBe(30_000);
    expect(extractThreadCount('auto', 64)).toBe(availableParallelism());
    expect(extractThreadCount('auto', 1)).toBe(1);
    expect(extractThreadCount(0, 4)).toBe(0);
    expect(extractThreadCount(3, 1)).toBe(3);
    expect(WireConfig.safeParse({ site: 'S', jobs: { extractThreads: -1 } }).success).toBe(false);
  });
});
