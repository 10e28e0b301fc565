import { redactUrl } from '../src/queue/connection.js';
import type { ResolvedRedis } from '../src/queue/redis-server.js';

/**
 * The demo's closing hint: how to delete what it queued, naming the Redis the demo actually used
 * (REDIS_URL, the default one, or the private redis-server), never a password.
 */
export function resetHint(found: Pick<ResolvedRedis, 'url' | 'how'>, prefix: string): string {
  const url = redactUrl(found.url);
  const cli = `redis-cli -u ${url}`;
  const command = `${cli} --scan --pattern "${prefix}:*" | xargs -r ${cli} del`;
  const where =
    found.how === 'REDIS_URL'
      ? `the Redis at REDIS_URL (${url});`
      : found.how === 'default'
        ? `the Redis on ${url};`
        : `the private redis-server on ${url}${found.how === 'private-started' ? ', which the demo started and has stopped again: start it first (npx wire start does), then' : ';'}`;
  return `(Run it again: nothing new is queued the second time. The demo used ${where} reset with: ${command})`;
}
