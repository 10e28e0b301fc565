import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeConfig } from '../helpers/config.js';
import { openQueues, type TestQueues } from '../helpers/faults.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { startLocalAgency, type LocalAgency } from './agency.js';
import { ADMIN, VIEWER } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WireRun {
  /** The admin HTTP (console at /), e.g. http://127.0.0.1:41234 */
  url: string;
  agency: LocalAgency;
  queues: TestQueues;
  dir: string;
  prefix: string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * A full `wire start` (every role, the admin HTTP on a free port with the admin and viewer tokens) over a
 * local agency on 127.0.0.1: `local` is healthy, `broken` answers 503, `flaky`'s one article fails until
 * the agency is healed (jobs.attempts 1: it lands in the failed set at once).
 */
export async function startWire(): Promise<WireRun> {
  const agency = await startLocalAgency();
  const prefix = testPrefix();
  const dir = writeConfig(
    [
      'site: Example Daily',
      'network:\n  allowPrivate: ["127.0.0.1"]',
      'politeness:\n  interval: 1ms\n  concurrency: 8\n  robots: false',
      'jobs:\n  attempts: 1\n  extractThreads: 0',
      'headline:\n  case: sentence\n  strip: ["EXCLUSIVE: "]',
      '',
    ].join('\n'),
    [
      'sources:',
      `  - { id: local, name: Local Agency, feed: "${agency.origin}/world.xml", every: 10m }`,
      `  - { id: broken, name: Broken Wire, feed: "${agency.origin}/broken.xml", every: 10m }`,
      `  - { id: flaky, name: Flaky Coast News, feed: "${agency.origin}/flaky.xml", every: 10m }`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'start', '--config', dir],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        REDIS_URL: TEST_REDIS_URL,
        WIRE_PREFIX: prefix,
        WIRE_ADMIN_PORT: '0',
        WIRE_ADMIN_TOKEN: ADMIN,
        WIRE_VIEWER_TOKEN: VIEWER,
        LOG_LEVEL: 'info',
        WIRE_LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wire start did not listen in 60 s:\n${stderr}`)), 60_000);
    const look = () => {
      for (const line of stderr.split('\n')) {
        if (!line.includes('admin HTTP listening')) continue;
        clearTimeout(timer);
        return resolve((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stderr!.on('data', look);
    child.on('close', (code) => reject(new Error(`wire start exited (${code}):\n${stderr}`)));
  });
  const queues = openQueues(TEST_REDIS_URL, prefix);
  return {
    url,
    agency,
    queues,
    dir,
    prefix,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await queues.close();
      await agency.close();
      await dropPrefix(prefix);
    },
  };
}

/** Waits until `check` is true (polling every 200 ms), or fails naming `what`. */
export async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
