import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { HostBusyError } from '../errors.js';

export { HostBusyError };

/**
 * Per-host politeness shared by every worker process on every machine: at most `maxConcurrent` requests
 * to a host at once, at least `minIntervalMs` between the starts of two requests, and none before a
 * Retry-After the host asked for. State lives in Redis and is changed by one Lua script, so the check and
 * the claim are atomic; the clock is Redis's own (TIME), so hosts with skewed clocks agree.
 *
 * Keys: <base>:slots:<host> (zset token -> lease expiry; a crashed holder's slot frees itself when the
 * lease runs out), <base>:next:<host> (earliest next start), <base>:blocked:<host> (Retry-After).
 * Returns 0 when the slot was taken, else how many ms to wait before asking again.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slots, nextKey, blockedKey = KEYS[1], KEYS[2], KEYS[3]
local token, maxConcurrent, minInterval, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[5] == '1' then
  local blocked = tonumber(redis.call('GET', blockedKey) or '0')
  if blocked > now then return blocked - now end
end
redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
if redis.call('ZCARD', slots) >= maxConcurrent then
  local first = redis.call('ZRANGE', slots, 0, 0, 'WITHSCORES')
  -- slots usually free on release, long before their lease ends: ask again soon
  return math.max(1, math.min(tonumber(first[2]) - now, 50))
end
local nextStart = tonumber(redis.call('GET', nextKey) or '0')
if nextStart > now then return nextStart - now end
redis.call('ZADD', slots, now + lease, token)
redis.call('PEXPIRE', slots, lease)
if minInterval > 0 then redis.call('SET', nextKey, now + minInterval, 'PX', minInterval) end
return 0
`;

// Same clock as ACQUIRE: Redis's.
const BLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 1
`;

export interface HostLimits {
  maxConcurrent: number;
  minIntervalMs: number;
}

export interface HostSlot {
  release(): Promise<void>;
}

export class HostLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    /** Longest a slot may be held (the longest a request may take); a dead holder frees it after this. */
    private readonly leaseMs: number,
    /** How a host appears in its keys: a Redis Cluster hash tag puts the three (one Lua script) in one slot. */
    private readonly hostTag: (host: string) => string = (host) => host,
  ) {}

  private keys(host: string): [string, string, string] {
    const h = this.hostTag(host);
    return [`${this.base}:slots:${h}`, `${this.base}:next:${h}`, `${this.base}:blocked:${h}`];
  }

  /**
   * Waits for a slot on `host` (giving up with an error after `maxWaitMs`). `honourBlock: false` skips
   * the Retry-After block (feeds: each source is held back by its own Retry-After instead).
   */
  async acquire(host: string, limits: HostLimits, maxWaitMs: number, honourBlock = true): Promise<HostSlot> {
    const token = randomUUID();
    const keys = this.keys(host);
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const wait = Number(
        await this.redis.eval(
          ACQUIRE,
          3,
          ...keys,
          token,
          limits.maxConcurrent,
          limits.minIntervalMs,
          this.leaseMs,
          honourBlock ? '1' : '0',
        ),
      );
      if (wait === 0) {
        return { release: async () => void (await this.redis.zrem(keys[0], token)) };
      }
      if (Date.now() + wait > deadline) {
        throw new HostBusyError(host, wait);
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Honour a Retry-After: no request to this host until then, from any process. */
  async block(host: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.redis.eval(BLOCK, 1, this.keys(host)[2], Math.ceil(ms));
  }
}
