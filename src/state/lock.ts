import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Delete only if we still own it: a lock that expired and was taken by another process must stay theirs.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface Lock {
  release(): Promise<void>;
}

/** A Redis lock with an expiry (so a crashed holder cannot block forever); null when already held. */
export async function tryLock(redis: Pick<Redis, 'set' | 'eval'>, key: string, ttlMs: number): Promise<Lock | null> {
  const token = randomUUID();
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  return {
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
