import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/index.js';
import { runOnce } from '../../src/queue/run-once.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { listen, type Listening } from '../fetch/hostile-server.js';
import { writeConfig } from '../helpers/config.js';
import { AGENCY_CORPUS, HAVE_AGENCY_CORPUS, NO_AGENCY_CORPUS_MESSAGE } from '../helpers/corpus-path.js';
import { dropPrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis.js';

const NINJS = JSON.parse(
  HAVE_AGENCY_CORPUS ? readFileSync(join(AGENCY_CORPUS, 'ninjs/iptc-2.1-dpa-text.json'), 'utf8') : '{}',
) as Record<string, unknown> & { bodies: { value: string }[] };
const G2 = HAVE_AGENCY_CORPUS
  ? readFileSync(join(AGENCY_CORPUS, 'newsml-g2/reuters-text-KBN0FL0NN-v5.xml'), 'utf8')
  : '';

/** The dpa ninjs sample as another version: its own version, status, note and first paragraph. */
function ninjs(version: string, pubstatus: string, extra: { lead?: string; ednote?: string; signals?: string[] } = {}) {
  const doc: Record<string, unknown> = { ...NINJS, version, pubstatus };
  if (extra.lead) doc.bodies = [{ ...NINJS.bodies[0], value: `<p>${extra.lead}</p>${NINJS.bodies[0].value}` }];
  if (extra.ednote) doc.ednote = extra.ednote;
  if (extra.signals) doc.signals = extra.signals.map((s) => ({ code: s }));
  return JSON.stringify(doc);
}

/** The Reuters NewsML-G2 sample as another version (status `stat:usable` / `stat:withheld` ...). */
function g2(version: string, status = 'usable', lead?: string) {
  let xml = G2.replace('version="5"', `version="${version}"`).replace('qcode="stat:usable"', `qcode="stat:${status}"`);
  if (lead) xml = xml.replace('<p>By Marwan Makdisi</p>', `<p>By Marwan Makdisi</p><p>${lead}</p>`);
  return xml;
}

// These read the agency samples in ../shared/corpus/agency; without them they skip and say so.
if (!HAVE_AGENCY_CORPUS) console.warn(NO_AGENCY_CORPUS_MESSAGE);

describe.skipIf(!HAVE_AGENCY_CORPUS)(
  'the story lifecycle end to end: a local agency serving NewsML-G2 and ninjs, real Redis, wire run --once',
  () => {
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
    const DPA_LEAD = 'Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren».';

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
      // The same kill again, and a late copy of v1: nothing more goes out (v1's article job is the one of the
      // first run, so the summary repeats that job's result; the queues below are what counts).
      expect((await source('dpa')).items).toMatchObject({ published: 0 });
      serving.ninjs = ninjs('1', 'usable');
      await source('dpa');
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
          ['usable', 'DAMASCUS (Reuters) -'],
          ['usable', 'Seventh version lead'],
          ['withheld', 'Seventh version lead'],
          ['usable', 'Ninth version lead.'],
        ]);
      }
    }, 120_000);
  },
);
