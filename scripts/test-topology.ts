/**
 * Runs tests against a throwaway Redis topology on loopback: `sentinel` (1 master, 1 replica, 3 Sentinels) or
 * `cluster` (3 masters, 3 replicas). Starts it, runs `vitest run <args>` with REDIS_URL pointing at it, stops it.
 *   npm run test:topology -- cluster tests/integration
 */
import { spawnSync } from 'node:child_process';
import { RedisServers } from '../tests/helpers/redis-servers.js';

const [topology, ...args] = process.argv.slice(2);
if (topology !== 'sentinel' && topology !== 'cluster') {
  process.stderr.write('usage: npm run test:topology -- sentinel|cluster [vitest arguments]\n');
  process.exit(2);
}
const servers = new RedisServers();
let code = 1;
try {
  const url = topology === 'sentinel' ? (await servers.sentinel()).url : (await servers.cluster(3, 1)).url;
  process.stderr.write(`REDIS_URL=${url}\n`);
  const r = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: { ...process.env, REDIS_URL: url } });
  code = r.status ?? 1;
} finally {
  await servers.stop();
}
process.exit(code);
