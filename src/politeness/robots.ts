import robotsParserModule from 'robots-parser';
import type { Redis } from 'ioredis';
import { WaitSignal, WireError } from '../errors.js';
import type { HttpClient } from '../fetch/types.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS exporting one function; its bundled typings do not describe that to NodeNext.
const robotsParser = robotsParserModule as unknown as (url: string, robotstxt: string) => Robot;

/** The product token robots.txt groups are matched against: "MediaWire/0.1 (+url)" -> "MediaWire". */
export function robotsAgent(userAgent: string): string {
  return userAgent.split(/[\s/]/)[0] || userAgent;
}

/**
 * robots.txt for article pages: fetched once per origin, shared through Redis with every worker (expiring
 * after `ttlMs`), parsed by robots-parser and kept parsed in memory for the same time.
 * A missing robots.txt (4xx) allows everything; an unreachable one (5xx, network) is a retry-later error
 * rather than a guess either way. Crawl-delay, when the file sets one, is returned so the caller can
 * widen its per-host interval.
 */
export class RobotsCache {
  private readonly parsed = new Map<string, { robot: Robot; expires: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly fetcher: HttpClient,
    private readonly userAgent: string,
    private readonly ttlMs: number = 24 * 3_600_000,
  ) {}

  private async load(origin: string): Promise<Robot> {
    const cached = this.parsed.get(origin);
    if (cached && cached.expires > Date.now()) return cached.robot;
    const key = `${this.base}:${origin}`;
    let text = await this.redis.get(key);
    if (text === null) {
      text = await this.download(origin);
      await this.redis.set(key, text, 'PX', this.ttlMs);
    }
    const robot = robotsParser(`${origin}/robots.txt`, text);
    this.parsed.set(origin, { robot, expires: Date.now() + this.ttlMs });
    return robot;
  }

  private async download(origin: string): Promise<string> {
    try {
      // Google reads the first 500 KiB of a robots.txt; so do we.
      const res = await this.fetcher.fetch(`${origin}/robots.txt`, { accept: 'text/plain', maxBytes: 512 * 1024 });
      return res.body.toString('utf8');
    } catch (err) {
      if (err instanceof WaitSignal) throw err; // our own host limit: wait, not a robots failure
      if (
        err instanceof WireError &&
        err.kind === 'http-status' &&
        err.status !== undefined &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 429
      ) {
        return ''; // no robots.txt: everything is allowed
      }
      throw new WireError(
        'robots',
        `robots.txt of ${origin} could not be read; will retry: ${(err as Error).message}`,
        {
          retryable: true,
          cause: err,
          url: `${origin}/robots.txt`,
        },
      );
    }
  }

  /** Throws WireError('robots') when the page is disallowed for our user agent; returns its crawl-delay (ms) if any. */
  async check(url: string): Promise<number | null> {
    const origin = new URL(url).origin;
    const robot = await this.load(origin);
    const agent = robotsAgent(this.userAgent);
    if (robot.isAllowed(url, agent) === false) {
      throw new WireError(
        'robots',
        `robots.txt of ${origin} disallows ${url} for ${agent} (line ${robot.getMatchingLineNumber(url, agent)})`,
        { url },
      );
    }
    const delay = robot.getCrawlDelay(agent);
    return delay === undefined ? null : delay * 1000;
  }
}
