/**
 * The story lifecycle end to end, on real Redis with a local agency on 127.0.0.1 (our own fixtures, so this runs
 * on a fresh clone):
 * - `runOnce` over a ninjs and a NewsML-G2 source: v1, a correction, a kill on every queue and the webhook, v7
 *   before v6, withheld then republished;
 * - `wire start` processes (scheduler+poll+webhook, and an article worker as a child process) over an AP-style
 *   feed whose bodies are NITF renditions behind an API key: an embargo held while the workers poll and going out
 *   at its time, once; then v1, a correction, kills, holds and new versions of 40 stories (and one more embargoed
 *   story, held across the kills) with the article worker killed with SIGKILL in the middle of every round and
 *   restarted: exactly one event per transition on every queue and one POST on the webhook receiver.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { agencyStoryId } from '../../src/item/build.js';
import { silentLogger } from '../../src/log/index.js';
import { runOnce } from '../../src/queue/run-once.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { agencyFixture } from '../helpers/agency-fixtures.js';
import { runWire } from '../helpers/cli.js';
import { writeConfig } from '../helpers/config.js';
import { useFaultRun } from '../helpers/fault-run.js';
import { sleep, spawnWire, waitFor, wireYaml, type LogLine, type WireProcess } from '../helpers/faults.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testQueue, testRedis } from '../helpers/redis.js';

const NINJS = JSON.parse(agencyFixture('ninjs-story.json').toString('utf8')) as Record<string, unknown> & {
  bodies: { value: string }[];
};
const G2 = agencyFixture('g2-story.xml').toString('utf8');

/** The ninjs fixture as another version: its own version, status, note and first paragraph. */
function ninjs(version: string, pubstatus: string, extra: { lead?: string; ednote?: string; signals?: string[] } = {}) {
  const doc: Record<string, unknown> = { ...NINJS, version, pubstatus };
  if (extra.lead) doc.bodies = [{ ...NINJS.bodies[0], value: `<p>${extra.lead}</p>${NINJS.bodies[0].value}` }];
  if (extra.ednote) doc.ednote = extra.ednote;
  if (extra.signals) doc.signals = extra.signals.map((s) => ({ code: s }));
  return JSON.stringify(doc);
}

/** The NewsML-G2 fixture as another version (status `stat:usable` / `stat:withheld` ...). */
function g2(version: string, status = 'usable', lead?: string) {
  let xml = G2.replace('version="5"', `version="${version}"`).replace('qcode="stat:usable"', `qcode="stat:${status}"`);
  if (lead) xml = xml.replace('<p>By Ana Ruiz</p>', `<p>By Ana Ruiz</p><p>${lead}</p>`);
  return xml;
}

// Our own NewsML-G2 and ninjs fixtures (tests/fixtures/agency): this runs on a fresh clone.
describe('the story lifecycle end to end: a local agency serving NewsML-G2 and ninjs, real Redis, wire run --once', () => {
  const prefix = testPrefix();
  let agency: Listening;
  const serving: { ninjs: string; g2: string } = { ninjs: ninjs('1', 'usable'), g2: g2('5') };
  let redis: Redis;
  let rt: Runtime;

  beforeAll(async () => {
    agency = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/ninjs') return res.writeHead(200, { 'content-type': 'application/json' }).end(serving.ninjs);
      res.writeHead(200, { 'content-type': 'application/xml' }).end(serving.g2);
    });
    const dir = writeConfig(
      'site: Example Daily\nnetwork:\n  allowPrivate: ["127.0.0.1"]\npoliteness:\n  interval: 1ms\njobs:\n  extractThreads: 0\npublish:\n  queues: [cms, archive]\n  ninjs: true\n  webhook:\n    url: https://cms.example/hook\n',
      `sources:\n  - { id: dpa, name: dpa, feed: "${agency.origin}/ninjs" }\n  - { id: reuters, name: Reuters, feed: "${agency.origin}/g2" }\n`,
    );
    redis = testRedis();
    rt = createRuntime({ config: loadConfig(dir), redis, redisUrl: TEST_REDIS_URL, prefix, log: silentLogger });
  });
  afterAll(async () => {
    await rt?.close();
    redis?.disconnect();
    await agency?.close();
    await dropPrefix(prefix);
  });

  /** Every downstream event of a source's story, per queue, in version order: [pubStatus, correction, first paragraph]. */
  async function events(sourceId: string) {
    const out: Record<string, [string, boolean, string][]> = {};
    for (const q of rt.queues.downstream) {
      const jobs = (await q.getJobs(['waiting', 'prioritized', 'active', 'completed', 'delayed'], 0, -1)).filter(
        (j) => j.data.source.id === sourceId,
      );
      out[q.name] = jobs
        .sort((a, b) => a.data.version - b.data.version)
        .map(
          (j) =>
            [j.data.pubStatus, j.data.lifecycle.correction, j.data.body.paragraphs[0]] as [string, boolean, string],
        );
    }
    return out;
  }
  const source = async (id: string) => (await runOnce(rt)).sources.find((s) => s.id === id)!;
  const QUEUES = ['cms', 'archive', 'publish-webhook'];
  const DPA_LEAD = 'Der Stadtrat von Beispielstadt hat am Montag den Ausbau der Radwege beschlossen.';

  it('ninjs: v1 published; a v2 correction replaces it; a kill takes it down on every queue and the webhook; one event each', async () => {
    expect((await source('dpa')).items).toMatchObject({ published: 1 });
    serving.ninjs = ninjs('2', 'usable', {
      lead: 'Corrected lead.',
      ednote: 'Corrects the score in the first paragraph.',
      signals: ['sig:correction'],
    });
    expect((await source('dpa')).items).toMatchObject({ published: 1 });
    serving.ninjs = ninjs('3', 'canceled', { ednote: 'Kill: legal.' });
    expect((await source('dpa')).items).toMatchObject({ published: 1 });
    // The same kill again, and a late copy of v1: nothing more goes out. v1's article job is the one of the
    // first run: the summary says so (`alreadyDone`), not that job's old `published`.
    expect((await source('dpa')).items).toMatchObject({ published: 0 });
    serving.ninjs = ninjs('1', 'usable');
    expect((await source('dpa')).items).toMatchObject({ updated: 1, published: 0, alreadyDone: 1 });
    const all = await events('dpa');
    for (const q of QUEUES) {
      expect(all[q]).toEqual([
        ['usable', false, expect.stringContaining(DPA_LEAD.slice(0, 40))],
        ['usable', true, 'Corrected lead.'],
        ['canceled', false, 'Corrected lead.'],
      ]);
    }
  }, 120_000);

  it('NewsML-G2: v7 delivered before v6 wins; withheld, then republished by a newer version', async () => {
    // v5 went out with the first run (every run polls both sources).
    serving.g2 = g2('7', 'usable', 'Seventh version lead.');
    expect((await source('reuters')).items).toMatchObject({ published: 1 });
    serving.g2 = g2('6', 'usable', 'Sixth version lead.');
    expect((await source('reuters')).items).toMatchObject({ published: 0, stale: 1 });
    serving.g2 = g2('8', 'withheld');
    expect((await source('reuters')).items).toMatchObject({ published: 1 });
    serving.g2 = g2('9', 'usable', 'Ninth version lead.');
    expect((await source('reuters')).items).toMatchObject({ published: 1 });
    const all = await events('reuters');
    for (const q of QUEUES) {
      expect(all[q].map(([status, , lead]) => [status, lead.slice(0, 20)])).toEqual([
        ['usable', 'PORTVILLE (Example W'],
        ['usable', 'Seventh version lead'],
        ['withheld', 'Seventh version lead'],
        ['usable', 'Ninth version lead.'],
      ]);
    }
  }, 120_000);
});

const AP_PAGE = JSON.parse(agencyFixture('ap-page.json').toString('utf8')) as {
  data: { items: { item: Record<string, unknown> }[] } & Record<string, unknown>;
} & Record<string, unknown>;
const NITF = agencyFixture('nitf-body.xml').toString('utf8');
const NITF_LEAD = /<p>EXAMPLE FALLS[^<]*<\/p>/;

/**
 * Story `n` of the AP-style feed the agency serves below, at a version and status: its body is not inline but
 * a NITF rendition on the agency's host (`/nitf/<n>/v<version>`), as AP delivers text.
 */
function apStory(
  origin: string,
  n: number,
  version: number,
  pubstatus: string,
  extra: { ednote?: string; correction?: boolean; embargoed?: string } = {},
): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...AP_PAGE.data.items[0].item,
    altids: { itemid: `story-${n}` },
    uri: `${origin}/content/story-${n}`,
    version,
    pubstatus,
    headline: `Report number ${n} from the council`,
    renditions: { nitf: { href: `${origin}/nitf/${n}/v${version}`, mimetype: 'text/xml' } },
  };
  if (pubstatus !== 'usable') delete item.renditions;
  if (extra.ednote) item.ednote = extra.ednote;
  if (extra.correction) item.editorialtypes = ['Correction'];
  if (extra.embargoed) item.embargoed = extra.embargoed;
  return item;
}

/** The lead paragraph of story n's version v, as its NITF rendition has it. */
const leadOf = (n: number, v: number) => `Story ${n}, version ${v}.`;

/** A webhook POST as the receiver saw it. */
interface Delivery {
  id: string;
  version: number;
  pubStatus: string;
  correction: boolean;
  lead: string;
  at: number;
}

describe('the story lifecycle under running workers (an AP-style feed, bodies as NITF renditions behind an API key): an embargo going out at its time, and kill -9s of the article worker', () => {
  const STORIES = 40;
  const QUEUES = ['cms', 'archive', 'publish-webhook'];
  let agency: Listening;
  let hook: Listening;
  /** The AP-style feed the agency serves: one item per story. */
  const serving = new Map<number, Record<string, unknown>>();
  const SECRET = 'lifecycle-api-key-7c1e42';
  /** Rendition requests without the key (the agency answers them 401). */
  const unauthorized: string[] = [];
  const deliveries: Delivery[] = [];
  let downstream: Queue[] = [];
  let poller: WireProcess;
  let firstWorker: WireProcess;
  let adminUrl: string;

  const run = useFaultRun(async ({ closeAfter }) => {
    agency = closeAfter(
      await listen('127.0.0.1', (req, res) => {
        const rendition = /^\/nitf\/(\d+)\/v(\d+)$/.exec(req.url ?? '');
        if (!rendition) {
          const page = {
            ...AP_PAGE,
            data: { ...AP_PAGE.data, next_page: null, items: [...serving.values()].map((item) => ({ item })) },
          };
          return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
        }
        if (req.headers['x-api-key'] !== SECRET) {
          unauthorized.push(req.url ?? '');
          return res.writeHead(401).end();
        }
        // A body download takes a while, so the article worker always has some in flight.
        const [, n, v] = rendition;
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end(NITF.replace(NITF_LEAD, `<p>${leadOf(Number(n), Number(v))}</p>`));
        }, 150);
      }),
    );
    hook = closeAfter(
      await listen('127.0.0.1', (req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          const item = JSON.parse(body) as {
            id: string;
            version: number;
            pubStatus: string;
            lifecycle: { correction: boolean };
            body: { paragraphs: string[] };
          };
          deliveries.push({
            id: item.id,
            version: item.version,
            pubStatus: item.pubStatus,
            correction: item.lifecycle.correction,
            lead: item.body.paragraphs[0] ?? '',
            at: Date.now(),
          });
          res.writeHead(200).end('ok');
        });
      }),
    );
    return {
      wire:
        wireYaml({
          network: { connectTimeoutMs: 1000, headersTimeoutMs: 2000, bodyTimeoutMs: 3000 },
          // A killed worker's jobs come back after ~2 lockDurations (stalled-job check).
          jobs: { attempts: 5, backoff: '500ms', articleConcurrency: 2, lockDuration: '2s', extractThreads: 0 },
        }) + `publish:\n  queues: [cms, archive]\n  webhook:\n    url: ${hook.origin}/hook\n    backoff: 500ms\n`,
      sources: `sources:\n  - id: wire\n    name: Example Wire\n    feed: "${agency.origin}/feed"\n    every: 1s\n    auth: { header: x-api-key, fromEnv: LIFECYCLE_API_KEY }\n`,
    };
  });

  const env = () => ({
    ...run.env,
    WIRE_WEBHOOK_SECRET: 'lifecycle-test-secret-0123456789',
    LIFECYCLE_API_KEY: SECRET,
    LOG_LEVEL: 'debug', // every line is searched for the API key below
  });
  const articleWorker = (n: number) =>
    spawnWire(['start', '--roles', 'article', '--config', run.dir], env(), `article worker #${n}`);
  const storyId = (n: number) => agencyStoryId('wire', `story-${n}`);

  /** Every downstream event of a story on each queue, in version order: [version, pubStatus, correction]. */
  async function queueEvents(id: string) {
    const out: Record<string, [number, string, boolean][]> = {};
    for (const q of downstream) {
      const jobs = (
        await q.getJobs(['waiting', 'prioritized', 'active', 'completed', 'delayed', 'failed'], 0, -1)
      ).filter((j) => j.data.id === id);
      out[q.name] = jobs
        .map((j) => [j.data.version, j.data.pubStatus, j.data.lifecycle.correction] as [number, string, boolean])
        .sort((a, b) => a[0] - b[0]);
    }
    return out;
  }
  const delivered = (id: string) =>
    deliveries.filter((d) => d.id === id).map((d) => [d.version, d.pubStatus, d.correction] as const);
  const idle = async () => {
    const c = await run.queues.article.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
    return c.active + c.waiting + c.delayed + c.prioritized === 0;
  };

  afterAll(async () => {
    await Promise.all(downstream.map((q) => q.close()));
  });
  const heldInApi = async () =>
    (
      (await (await fetch(`${adminUrl}/api/embargoes`)).json()) as {
        embargoes: { itemId: string; heldUntil: string }[];
      }
    ).embargoes;

  it('an embargoed story is held while the workers poll, shown as "held until T", goes out at T, exactly once', async () => {
    downstream = QUEUES.map((name) => testQueue(name, run.prefix, run.env.REDIS_URL));
    poller = spawnWire(['start', '--roles', 'scheduler,poll,webhook', '--config', run.dir], env(), 'scheduler+poll');
    const started = await poller.waitForLog('media wire started', 30_000);
    adminUrl = String(started.admin);
    firstWorker = articleWorker(1);
    await firstWorker.waitForLog('media wire started', 30_000);

    const until = new Date(Date.now() + 5000);
    until.setMilliseconds(0);
    const T = until.toISOString();
    serving.set(0, apStory(agency.origin, 0, 1, 'usable', { embargoed: T }));
    const id = storyId(0);

    // Held: listed by `wire status` and the API while the workers keep polling; nothing downstream.
    await waitFor(
      async () => (await run.queues.article.getJobCounts('delayed')).delayed > 0,
      10_000,
      'the delayed job',
    );
    const pollsWhileHeld = poller.count('poll done');
    const status = await runWire(['status', '--config', run.dir], env());
    expect(status.stdout).toContain(`held until ${T}`);
    expect(await heldInApi()).toEqual([expect.objectContaining({ itemId: id, heldUntil: T })]);
    await sleep(Math.max(0, until.getTime() - Date.now() - 1000));
    expect(Date.now()).toBeLessThan(until.getTime());
    expect(poller.count('poll done')).toBeGreaterThan(pollsWhileHeld); // the workers kept polling meanwhile
    expect(delivered(id)).toEqual([]);
    expect(Object.values(await queueEvents(id)).flat()).toEqual([]);

    // Goes out at T: once on every queue and once on the webhook, never before T.
    await waitFor(() => delivered(id).length > 0, 20_000, 'the webhook delivery of the embargoed story');
    const first = deliveries.find((d) => d.id === id)!;
    expect(first.at).toBeGreaterThanOrEqual(until.getTime());
    expect(first.at - until.getTime()).toBeLessThan(10_000);
    const cms = (await downstream[0].getJobs(['waiting', 'completed'], 0, -1)).find((j) => j.data.id === id)!;
    expect(cms.timestamp).toBeGreaterThanOrEqual(until.getTime());
    // Polls keep reading the same embargoed document: still exactly once.
    const polls = poller.count('poll done');
    await waitFor(() => poller.count('poll done') >= polls + 3, 20_000, 'three more polls');
    for (const q of QUEUES) expect((await queueEvents(id))[q]).toEqual([[1, 'usable', false]]);
    expect(delivered(id)).toEqual([[1, 'usable', false]]);
    expect(deliveries.find((d) => d.id === id)?.lead).toBe(leadOf(0, 1));
    const after = await runWire(['status', '--config', run.dir], env());
    expect(after.stdout).not.toContain(`held until ${T}`);
  }, 90_000);

  it('v1, a correction, kills and holds, a republished version: exactly one event per transition across kill -9s of the article worker', async () => {
    const workers: WireProcess[] = [firstWorker];
    const keys = Array.from({ length: STORIES }, (_, i) => i + 1);
    const o = agency.origin;
    const rounds: { name: string; story: (n: number) => Record<string, unknown> | null; kill: boolean }[] = [
      { name: 'v1', story: (n) => apStory(o, n, 1, 'usable'), kill: true },
      {
        name: 'v2 correction',
        story: (n) => apStory(o, n, 2, 'usable', { ednote: 'Corrects the vote.', correction: true }),
        kill: true,
      },
      {
        // Kills, holds and a new version with its body download, interleaved in one round.
        name: 'kill / withheld / v3',
        story: (n) =>
          n % 3 === 0
            ? apStory(o, n, 3, 'canceled', { ednote: 'Kill: legal.' })
            : n % 3 === 1
              ? apStory(o, n, 3, 'withheld', { ednote: 'Withheld: checking a quote.' })
              : apStory(o, n, 3, 'usable'),
        kill: true,
      },
      { name: 'withheld republished', story: (n) => (n % 3 === 1 ? apStory(o, n, 4, 'usable') : null), kill: true },
    ];
    const kills: { round: string; afterMs: number; active: number; delivered: number; events: number }[] = [];
    // Every event's body: the lead of the version that went out (a kill or hold keeps the last body).
    const leads = new Map<number, string[]>(keys.map((n) => [n, []]));
    const expected = new Map<number, [number, string, boolean][]>(keys.map((n) => [n, []]));
    const queuedLine = (l: LogLine) => /queued for publishing|event queued for every downstream queue/.test(l.msg);

    // An embargoed story arrives with v1 of the others: it is held across the kill -9s and goes out at its time.
    const EMBARGOED = 99;
    const until = new Date(Date.now() + 9000);
    until.setMilliseconds(0);
    const embargoedId = storyId(EMBARGOED);
    const others = (from: number) => deliveries.slice(from).filter((d) => d.id !== embargoedId).length;

    for (const round of rounds) {
      const before = deliveries.length;
      if (round.name === 'v1')
        serving.set(EMBARGOED, apStory(o, EMBARGOED, 1, 'usable', { embargoed: until.toISOString() }));
      let events = 0;
      for (const n of keys) {
        const doc = round.story(n);
        if (!doc) continue;
        serving.set(n, doc);
        const version = expected.get(n)!.length + 1;
        expected.get(n)!.push([version, String(doc.pubstatus), round.name === 'v2 correction']);
        const lastLead = leads.get(n)!.at(-1);
        leads.get(n)!.push(doc.pubstatus === 'usable' ? leadOf(n, version) : lastLead!);
        events++;
      }
      if (round.kill) {
        const worker = workers.at(-1)!;
        const seen = worker.count(queuedLine);
        await worker.waitForLog((l) => queuedLine(l) && worker.count(queuedLine) > seen, 45_000);
        const afterMs = Math.floor(Math.random() * 300);
        await sleep(afterMs);
        worker.kill('SIGKILL');
        expect(await worker.exited).toMatchObject({ signal: 'SIGKILL' });
        const counts = await run.queues.article.getJobCounts('active');
        kills.push({
          round: round.name,
          afterMs,
          active: counts.active,
          delivered: others(before),
          events,
        });
        workers.push(articleWorker(workers.length + 1));
        if (round.name === 'v1') {
          expect(Date.now()).toBeLessThan(until.getTime());
          expect(await heldInApi()).toContainEqual(
            expect.objectContaining({ itemId: embargoedId, heldUntil: until.toISOString() }),
          );
        }
      }
      await waitFor(
        async () => others(before) >= events && (await idle()),
        90_000,
        `round "${round.name}": ${events} deliveries and the article queue drained`,
        250,
      );
    }

    // Every kill landed mid-round: the dead worker left jobs active and the round was not done.
    for (const kill of kills) {
      expect(kill.active, JSON.stringify(kills)).toBeGreaterThan(0);
      expect(kill.delivered, JSON.stringify(kills)).toBeLessThan(kill.events);
    }
    const stalled = workers.reduce((n, w) => n + w.count(/^job stalled/), 0);
    expect(stalled).toBeGreaterThan(0);

    // Settle a few more polls (the same documents again): nothing more goes out.
    const polls = poller.count('poll done');
    await waitFor(() => poller.count('poll done') >= polls + 2, 20_000, 'two more polls');
    await waitFor(idle, 20_000, 'the article queue to drain');
    console.info(`kill -9 of the article worker: ${JSON.stringify(kills)}`);
    for (const n of keys) {
      const id = storyId(n);
      const want = expected.get(n)!;
      const got = await queueEvents(id);
      for (const q of QUEUES) expect(got[q], `story ${n} on ${q}`).toEqual(want);
      expect(delivered(id), `story ${n} on the webhook`).toEqual(want);
      expect(
        deliveries.filter((d) => d.id === id).map((d) => d.lead),
        `story ${n}: each version's body`,
      ).toEqual(leads.get(n));
    }
    // The embargoed story: once on every queue and the webhook, not before its time, though workers died meanwhile.
    for (const q of QUEUES) expect((await queueEvents(embargoedId))[q], q).toEqual([[1, 'usable', false]]);
    expect(delivered(embargoedId)).toEqual([[1, 'usable', false]]);
    expect(deliveries.find((d) => d.id === embargoedId)!.at).toBeGreaterThanOrEqual(until.getTime());
    expect(unauthorized).toEqual([]);
    // The API key went with every feed and body request, and into no log line of any process.
    for (const p of [poller, ...workers]) {
      expect(p.logs.length).toBeGreaterThan(0);
      expect(JSON.stringify(p.logs) + p.text(), p.name).not.toContain(SECRET);
    }
    expect(await run.queues.article.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(poller.running()).toBe(true);
  }, 240_000);
});
