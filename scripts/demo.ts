/**
 * `npm run demo`: the real pipeline, offline. Serves the sample agency (feed + article pages with
 * boilerplate) on 127.0.0.1:8787, runs `wire run --once --config demo/config`, then the example consumer,
 * which writes the rendered Media Wire pages to out/demo/.
 *
 * Queue keys use the prefix "wire-demo" (unless WIRE_PREFIX is set) so the demo never mixes with real data.
 */
import { resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { startAgency } from '../demo/agency-server.js';
import { consumeCommand } from '../src/cli/commands/consume.js';
import { runOnceCommand } from '../src/cli/commands/run-once.js';
import { findRedis } from '../src/cli/context.js';
import { resetHint } from '../demo/reset-hint.js';
import { createLogger } from '../src/log/index.js';

process.env.WIRE_PREFIX ||= 'wire-demo';
const log = createLogger({ name: 'wire-demo', toStderr: true, level: process.env.LOG_LEVEL ?? 'error' });
const agency = await startAgency({ port: 8787 });
// One entry whose page is gone: the summary shows how a failed item is reported.
agency.extraItems.push(
  `<item><title>Story That Was Taken Down</title><link>${agency.origin}/news/missing-story</link><guid>demo-agency-missing</guid></item>`,
);
console.log(`demo agency serving ${agency.origin}/feed.xml\n`);
// Found (or started) once for the whole demo, so the run, the consumer and the reset hint name one Redis.
const redis = await findRedis(log);
try {
  const code = await runOnceCommand({ config: resolve('demo/config') }, log);
  const out = resolve('out/demo');
  await consumeCommand({ out, drain: true }, log);
  const pages = readdirSync(out).filter((f) => f.endsWith('.html'));
  console.log(`\n${pages.length} Media Wire page(s) in ${out}:`);
  for (const p of pages) console.log(`  ${out}/${p}`);
  console.log(`\n${resetHint(redis, process.env.WIRE_PREFIX)}`);
  process.exitCode = code;
} finally {
  await agency.close();
  await redis.stop();
}
