import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisOptions } from '../../src/queue/connection.js';
import { startAgency, type Agency } from '../../demo/agency-server.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { dropPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

describe('the wire command', () => {
  const prefix = testPrefix();
  const env = { REDIS_URL: TEST_REDIS_URL, WIRE_PREFIX: prefix };
  let agency: Agency;
  let dir: string;

  beforeAll(async () => {
    agency = await startAgency();
    agency.extraItems.push(
      `<item><title>Gone</title><link>${agency.origin}/news/missing-story</link><guid>gone</guid></item>`,
    );
    dir = writeConfig(
      'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\njobs:\n  backoff: 50ms\n',
      `sources:\n  - id: demo-agency\n    name: Demo Agency\n    feed: ${agency.origin}/feed.xml\n  - id: broken entry\n    name: Bad\n    feed: nope\n`,
    );
  });
  afterAll(async () => {
    await agency?.close();
    await dropPrefix(prefix);
  });

  it('prints help', async () => {
    const r = await runWire(['--help'], env);
    expect(r.code).toBe(0);
    for (const cmd of ['start', 'run', 'preview', 'sources', 'status', 'failed', 'republish', 'consume'])
      expect(r.stdout).toContain(cmd);
  });

  it('run --once --json: one JSON document, exit 0, and nothing new the second time', async () => {
    const first = await runWire(['run', '--once', '--json', '--config', dir], env);
    expect(first.code, first.stderr).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc.sources).toEqual([
      expect.objectContaining({
        id: 'demo-agency',
        ok: true,
        items: expect.objectContaining({ new: 4, seen: 0, failed: 1, published: 3 }),
      }),
    ]);
    expect(doc.sources[0].failures[0].reason).toMatch(/HTTP 404/);
    // the invalid entry was reported (file, path, reason) and skipped
    expect(doc.configProblems[0]).toMatchObject({ path: 'sources[1].id' });
    expect(first.stderr).toMatch(/sources\.yaml:\d+: `sources\[1\]\.id`/);

    const second = await runWire(['run', '--once', '--json', '--config', dir], env);
    expect(JSON.parse(second.stdout).sources[0], second.stdout).toMatchObject({
      ok: true,
      outcome: 'unchanged',
      items: { new: 0, published: 0 },
    });
  });

  it('exits 1 when a source fails, with the reason in the summary', async () => {
    const bad = writeConfig(
      'site: X\nnetwork:\n  allowPrivate: ["127.0.0.1"]\n',
      `sources:\n  - id: gone\n    name: Gone\n    feed: ${agency.origin}/no-feed-here.xml\n`,
    );
    const own = testPrefix();
    const r = await runWire(['run', '--once', '--config', bad], { ...env, WIRE_PREFIX: own, LOG_LEVEL: 'info' });
    await dropPrefix(own);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED\s+gone: http-status: HTTP 404/);
    // not a terminal: progress as log lines (JSON here)
    const progress = r.stderr.split('\n').filter((l) => l.includes('progress: '));
    expect(progress).toHaveLength(1);
    expect(JSON.parse(progress[0])).toMatchObject({
      level: 30,
      sourceId: 'gone',
      done: 1,
      total: 1,
      msg: 'progress: source gone done (1/1), items published so far 0',
    });
  });

  it('sources list, status, failed and republish show and act on the state', async () => {
    const list = JSON.parse((await runWire(['sources', 'list', '--json', '--config', dir], env)).stdout);
    expect(list.sources[0]).toMatchObject({
      id: 'demo-agency',
      health: { consecutiveFailures: 0, itemsToday: 4, articles: 3 },
    });
    expect(list.sources[0].health.lastSuccessAt).not.toBeNull();
    // Today: 3 published of the 4 queued (one page is a 404); the skipped entry is listed as a config problem.
    expect(list.sources[0].health.publishedToday).toBe(3);
    expect(list.configProblems.map((p: { path: string; line: number }) => `${p.path}@${p.line}`)).toEqual([
      'sources[1].id@5',
      'sources[1].feed@7',
    ]);
    const text = (await runWire(['sources', 'list', '--config', dir], env)).stdout;
    expect(text).toMatch(/PUBLISHED TODAY/);
    expect(text).toMatch(/^demo-agency .* 3 of 4 /m);
    expect(text).toMatch(/CONFIG PROBLEMS: 2 problems, source entries skipped and not polled/);
    expect(text).toMatch(/sources\.yaml:5: `sources\[1\]\.id`/);
    const statusText = (await runWire(['status', '--config', dir], env)).stdout;
    expect(statusText).toMatch(/CONFIG PROBLEMS: 2 problems[^]*sources\.yaml:5: `sources\[1\]\.id`/);

    const status = JSON.parse((await runWire(['status', '--json', '--config', dir], env)).stdout);
    expect(status.configProblems).toHaveLength(2);
    const article = status.queues.find((q: { queue: string }) => q.queue === 'article');
    expect(article.counts.failed).toBe(1);
    expect(article.failedByReason).toEqual({ 'http-status': 1 });
    expect(status.queues.find((q: { queue: string }) => q.queue === 'publish').counts.waiting).toBe(3);

    const failed = JSON.parse((await runWire(['failed', 'list', '--json', '--config', dir], env)).stdout);
    expect(failed.jobs).toHaveLength(1);
    expect(failed.jobs[0]).toMatchObject({
      queue: 'article',
      sourceId: 'demo-agency',
      link: `${agency.origin}/news/missing-story`,
    });

    const dropped = await runWire(['failed', 'drop', failed.jobs[0].id, '--config', dir], env);
    expect(dropped.stdout).toContain('dropped 1 job(s)');
    expect(JSON.parse((await runWire(['failed', 'list', '--json', '--config', dir], env)).stdout).jobs).toHaveLength(0);

    const missing = await runWire(['republish', '0123456789abcdef0123456789abcdef', '--config', dir], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no story with id/);

    const publish = new Queue('publish', { connection: redisOptions(TEST_REDIS_URL), prefix });
    try {
      const [job] = await publish.getJobs(['waiting'], 0, 0);
      const again = await runWire(['republish', job.data.id, '--config', dir], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`queued ${job.data.id} version 1 again as job ${job.data.id}-v1-r\\d+`));
      expect(again.stderr).toMatch(/item republished by operator/);
      expect(await publish.getJobCountByTypes('waiting')).toBe(4);
    } finally {
      await publish.close();
    }
  });

  it('says clearly when the configured Redis does not answer, instead of hanging', async () => {
    const r = await runWire(['status', '--config', dir], { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1\/? does not answer/);
  });

  it('sources export and import round-trip through OPML', async () => {
    const opml = (await runWire(['sources', 'export', '--config', dir], env)).stdout;
    expect(opml).toContain(`xmlUrl="${agency.origin}/feed.xml"`);
    const file = join(dir, 'more.opml');
    writeFileSync(
      file,
      opml.replace(
        '</body>',
        '<outline type="rss" text="Another Agency" xmlUrl="https://another.example/rss"/></body>',
      ),
    );
    const r = await runWire(['sources', 'import', file, '--config', dir], env);
    expect(r.stdout).toBe(
      '  - id: another-agency\n    name: "Another Agency"\n    feed: "https://another.example/rss"\n',
    );
    expect(r.stderr).toMatch(/already configured as demo-agency/);
  });
});
