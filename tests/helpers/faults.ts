/**
 * Helpers for the fault-injection tests (tests/faults): `wire start` child processes that can be killed,
 * a private redis-server that can be restarted, and a local origin on 127.0.0.1 with pages that can be made
 * slow, broken or poisonous. Every child started here is tracked, so `stopAll()` in afterAll leaves nothing
 * running whatever the test did.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { articlePage, rssFeed, type AgencyArticle } from '../../demo/agency-server.js';
import { storyId } from '../../src/item/build.js';
import { redisAnswers } from '../../src/queue/redis-server.js';
import { testBull } from './redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value; throws `what` (with the last value) on timeout. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
  everyMs = 200,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > until)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(everyMs);
  }
}

/** Waits until `total` article jobs have completed or failed and none is active, waiting or delayed. */
export function waitForArticles(article: Queue, total: number, timeoutMs: number, everyMs = 200): Promise<true> {
  return waitFor(
    async () => {
      const c = await article.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
      // `true` or nothing yet: waitFor returns the first truthy answer, so it resolves to `true`.
      return c.completed + c.failed === total && c.active + c.waiting + c.delayed === 0 ? true : undefined;
    },
    timeoutMs,
    'every article job to finish',
    everyMs,
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();

/** One JSON log line of a child (pino), with its `msg`. */
export interface LogLine {
  level: number;
  msg: string;
  pid: number;
  [field: string]: unknown;
}

export interface WireProcess {
  name: string;
  pid: number;
  /** Parsed JSON log lines so far (stderr and stdout). */
  logs: LogLine[];
  /** Everything the child wrote that was not a JSON line (stack traces, usage errors). */
  text(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Resolves with the first log line matching; rejects on timeout or when the child exits first. */
  waitForLog(match: string | RegExp | ((l: LogLine) => boolean), timeoutMs: number): Promise<LogLine>;
  count(match: string | RegExp | ((l: LogLine) => boolean)): number;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<void>;
}

function matcher(match: string | RegExp | ((l: LogLine) => boolean)): (l: LogLine) => boolean {
  if (typeof match === 'function') return match;
  if (typeof match === 'string') return (l) => l.msg === match;
  return (l) => match.test(l.msg);
}

/**
 * Runs `wire <args>` from source with `node --import tsx` (not the tsx binary, which would put a wrapper
 * process between us and the worker: a SIGKILL must reach the worker itself).
 */
export interface SpawnOptions {
  /** Working directory (default: the repo). */
  cwd?: string;
  /** Modules preloaded with node --import, before the CLI. */
  preload?: string[];
  /** Its own process group (pid = group id), as a shell puts a foreground job: signal it with kill(-pid). */
  detached?: boolean;
}

export function spawnWire(
  args: string[],
  env: Record<string, string>,
  name = args.join(' '),
  opts: SpawnOptions = {},
): WireProcess {
  const preload = (opts.preload ?? []).flatMap((m) => ['--import', m]);
  const tsx = opts.cwd ? pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href : 'tsx'; // found from any cwd
  const child = spawn(process.execPath, ['--import', tsx, ...preload, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: opts.cwd ?? ROOT,
    detached: opts.detached ?? false,
    // WIRE_ADMIN_PORT=0: each process's admin HTTP on a free port, so parallel processes do not collide
    env: { ...process.env, LOG_LEVEL: 'info', WIRE_LOG_FORMAT: 'json', WIRE_ADMIN_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const logs: LogLine[] = [];
  let other = '';
  const waiters = new Set<() => void>();
  const onData = () => {
    let buffer = '';
    return (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let parsed: LogLine | null = null;
        if (line.startsWith('{')) {
          try {
            parsed = JSON.parse(line) as LogLine;
          } catch {
            parsed = null;
          }
        }
        if (parsed && typeof parsed.msg === 'string') logs.push(parsed);
        else other += line + '\n';
      }
      for (const w of waiters) w();
    };
  };
  child.stdout.on('data', onData());
  child.stderr.on('data', onData());
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
      for (const w of waiters) w();
    });
  });
  const proc: WireProcess = {
    name,
    pid: child.pid!,
    logs,
    text: () => other,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    waitForLog(match, timeoutMs) {
      const test = matcher(match);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(test);
          if (found) return finish(() => resolve(found));
          if (!proc.running()) {
            finish(() =>
              reject(
                new Error(
                  `${name} exited (${child.exitCode ?? child.signalCode}) before logging ${String(match)}\n${tail(proc)}`,
                ),
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`${name}: no log line ${String(match)} within ${timeoutMs} ms\n${tail(proc)}`)),
            ),
          timeoutMs,
        );
        const finish = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    count(match) {
      return logs.filter(matcher(match)).length;
    },
    kill(signal = 'SIGTERM') {
      if (proc.running()) child.kill(signal);
    },
    async stop(graceMs = 10_000) {
      if (!proc.running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return proc;
}

/** The last log lines of a child, for failure messages. */
export function tail(p: WireProcess, n = 15): string {
  return [...p.logs.slice(-n).map((l) => JSON.stringify(l).slice(0, 400)), p.text().slice(-2000)].join('\n');
}

/** Kills every child process these helpers started and that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
}

// ---------------------------------------------------------------------------------------------------------
// A private redis-server (append-only file on) that a test may stop and start again on the same data

export interface PrivateRedis {
  port: number;
  url: string;
  dir: string;
  start(): Promise<void>;
  /** SIGTERM (flushes the append-only file) or SIGKILL; resolves once the server is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server and deletes its data directory. */
  destroy(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wire-fault-redis-'));
  let child: ChildProcess | null = null;
  const r: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      const c = spawn(
        'redis-server',
        [
          '--bind',
          '127.0.0.1',
          '--port',
          String(port),
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--save',
          '',
          '--maxmemory-policy',
          'noeviction',
        ],
        { stdio: 'ignore' },
      );
      children.add(c);
      c.once('exit', () => children.delete(c));
      child = c;
      await waitFor(() => redisAnswers('127.0.0.1', port), 10_000, `redis-server on port ${port}`, 100);
    },
    async stop(signal = 'SIGTERM') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill(signal);
      await gone;
    },
    async destroy() {
      await r.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// The origin: an agency on 127.0.0.1 whose pages can be slowed down or broken, path by path

/** Generated stories with enough distinct text to pass as articles. */
export function generateArticles(count: number, tag = 'story'): AgencyArticle[] {
  const places = ['Lisbon', 'Nairobi', 'Osaka', 'Quito', 'Tallinn', 'Hanoi', 'Accra', 'Perth'];
  const topics = [
    'water rates',
    'rail strike',
    'harbour works',
    'school meals',
    'wind farm',
    'bridge repairs',
    'bus fares',
  ];
  return Array.from({ length: count }, (_, i) => {
    const place = places[i % places.length];
    const topic = topics[i % topics.length];
    const n = i + 1;
    return {
      slug: `${tag}-${n}`,
      headline: `Council in ${place} votes on ${topic}, report number ${n}`,
      byline: `By Reporter ${n}`,
      published: new Date(Date.UTC(2026, 0, 1, 8, n % 60)).toISOString(),
      paragraphs: [
        `${place.toUpperCase()}, Jan 1 - The city council in ${place} voted on Thursday on a plan about ${topic}, the ${n}th such report this year, after a debate that lasted most of the afternoon.`,
        `Supporters of the plan said the change to ${topic} had been discussed for months and that residents of ${place} had asked for it in public meetings held across every district.`,
        `Opponents argued the cost was too high and asked for a second study; the council rejected that motion by ${10 + (n % 7)} votes to ${3 + (n % 5)} before the final vote on item ${n}.`,
        `The decision takes effect next month, officials said, and a review of how ${topic} works in practice is planned for the end of the year.`,
      ],
    };
  });
}

/** What the origin does with one request; return nothing to let the normal route answer. */
export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void | 'default';

export interface Origin {
  origin: string;
  host: string;
  articles: AgencyArticle[];
  /** Feed items beyond the articles: raw <item> XML. */
  extraItems: string[];
  /** When false the feed lists nothing (lets a test start every process before the work appears). */
  feedOpen: boolean;
  /** Delay before an article page is answered; `delays` sets it per path. */
  pageDelayMs: number;
  delays: Map<string, number>;
  /** Requests per path, and every request in order with its arrival time. */
  hits: Map<string, number>;
  requests: { path: string; at: number }[];
  /** Requests being answered right now, and the most seen at once (article pages, feed, robots.txt alike). */
  inFlight: number;
  maxInFlight: number;
  routes: Map<string, Route>;
  pageUrl(slug: string): string;
  feedUrl: string;
  close(): Promise<void>;
}

export async function startOrigin(
  opts: { articles?: AgencyArticle[]; pageDelayMs?: number; feedOpen?: boolean } = {},
): Promise<Origin> {
  const sockets = new Set<import('node:net').Socket>();
  const o: Origin = {
    origin: '', // set once listening
    host: '',
    feedUrl: '',
    pageUrl: (slug) => `${o.origin}/news/${slug}`,
    articles: opts.articles ?? [],
    extraItems: [],
    feedOpen: opts.feedOpen ?? true,
    pageDelayMs: opts.pageDelayMs ?? 0,
    hits: new Map(),
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
    routes: new Map(),
    delays: new Map(),
    close: async () => {},
  };
  const server: Server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const hit = (o.hits.get(path) ?? 0) + 1;
    o.hits.set(path, hit);
    o.requests.push({ path, at: Date.now() });
    o.inFlight++;
    o.maxInFlight = Math.max(o.maxInFlight, o.inFlight);
    let counted = true;
    const done = () => {
      if (counted) o.inFlight--;
      counted = false;
    };
    res.once('close', done);
    const route = o.routes.get(path);
    if (route && route(req, res, hit) !== 'default') return;
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(rssFeed(o.origin, o.feedOpen ? o.articles : [], o.feedOpen ? o.extraItems : []));
    }
    const slug = path.startsWith('/news/') ? path.slice('/news/'.length) : null;
    const article = o.articles.find((a) => a.slug === slug);
    if (article) {
      setTimeout(
        () => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(articlePage(o.origin, article, o.articles.slice(0, 5)));
        },
        o.delays.get(path) ?? o.pageDelayMs,
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  o.origin = `http://127.0.0.1:${port}`;
  o.host = `127.0.0.1:${port}`;
  o.feedUrl = `${o.origin}/feed.xml`;
  o.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return o;
}

/** A feed <item> pointing at a page of the origin that is not one of its generated articles. */
export function feedItem(origin: Origin, slug: string, title: string): string {
  return `<item><title>${title}</title><link>${origin.pageUrl(slug)}</link><guid isPermaLink="false">${slug}</guid></item>`;
}

/** Sends headers and part of the body, then drops the connection. */
export const resetMidBody: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': '20000' });
  res.write(
    '<!DOCTYPE html><html><head><title>Cut off</title></head><body><article><p>The first words of a report that ',
  );
  setTimeout(() => res.socket?.destroy(), 50);
};

/** Answers 500. */
export const serverError: Route = (_req, res) => {
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end('internal server error');
};

/** Sends headers, then one byte every `everyMs` until the client gives up. */
export function trickle(everyMs: number): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write('<!DOCTYPE html><html><body>');
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(' ');
    }, everyMs);
    res.once('close', () => clearInterval(timer));
  };
}

// ---------------------------------------------------------------------------------------------------------
// Config and queues

type Section = Record<string, string | number | boolean>;

/** wire.yaml for the fault tests: loopback allowed, short timeouts, no robots.txt; sections merge over these. */
export function wireYaml(extra: { jobs?: Section; politeness?: Section; network?: Section } = {}): string {
  const network = {
    allowPrivate: '["127.0.0.1"]',
    connectTimeoutMs: 2000,
    headersTimeoutMs: 4000,
    bodyTimeoutMs: 6000,
    ...extra.network,
  };
  const politeness = { interval: '1ms', robots: false, ...extra.politeness };
  const section = (name: string, values: Section) => [
    `${name}:`,
    ...Object.entries(values).map(([k, v]) => `  ${k}: ${v}`),
  ];
  return [
    'site: Fault Daily',
    ...section('network', network),
    ...section('politeness', politeness),
    ...section('jobs', extra.jobs ?? {}),
    '',
  ].join('\n');
}

export function sourceYaml(id: string, origin: Origin, every = '2s'): string {
  return `  - id: ${id}\n    name: Agency ${id}\n    feed: ${origin.feedUrl}\n    every: ${every}\n`;
}

/** The publish job id each article of `origin` must end as (version 1). */
export function expectedPublishIds(
  sourceId: string,
  origin: Origin,
  slugs = origin.articles.map((a) => a.slug),
): string[] {
  return slugs.map((slug) => `${storyId(sourceId, origin.pageUrl(slug))}-v1`).sort();
}

export interface TestQueues {
  poll: Queue;
  article: Queue;
  publish: Queue;
  /** Ids of every publish job (any state). */
  publishIds(): Promise<string[]>;
  close(): Promise<void>;
}

export function openQueues(redisUrl: string, prefix: string): TestQueues {
  // any topology, as the service opens them (testBull: a Cluster client and hash-tagged prefixes on a Cluster)
  const bull = testBull(prefix, redisUrl);
  const make = (name: string) => {
    const q = new Queue(name, { connection: bull.connection, prefix: bull.prefix(name) });
    q.on('error', () => {}); // the test's own view; a Redis restart is expected in some tests
    return q;
  };
  const q = { poll: make('poll'), article: make('article'), publish: make('publish') };
  return {
    ...q,
    async publishIds() {
      const jobs = await q.publish.getJobs(
        ['waiting', 'active', 'completed', 'delayed', 'failed', 'prioritized'],
        0,
        -1,
      );
      return jobs.map((j) => j.id!).sort();
    },
    async close() {
      await Promise.all(Object.values(q).map((x) => x.close()));
      bull.close();
    },
  };
}
