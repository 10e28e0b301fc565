/**
 * The console's pages against real Redis: every number is the one `wire sources list --json` and
 * /api/sources give (the three are compared), the filters, the source page, items with versions and
 * diffs, and the actions (poll now, republish, withdraw, failed retry and drop, held release and drop).
 */
import { load } from 'cheerio';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { runWire } from '../helpers/cli.js';
import { testBull, TEST_REDIS_URL } from '../helpers/redis.js';
import { sampleInput, sampleItem } from '../helpers/sample-item.js';
import { ADMIN, login, post, startConsole, type ConsoleHarness } from './harness.js';

const SOURCES = `sources:
  - id: alpha
    name: Alpha Agency
    feed: https://feeds.alpha.example/world.xml
  - id: gamma
    name: Gamma Wire
    feed: https://gamma.example/rss
  - id: beta
    name: Beta News
    feed: https://beta.example/rss
    enabled: false
`;

describe('console pages', () => {
  let h: ConsoleHarness;
  let cookie: string;
  const page = async (path: string) => {
    const r = await fetch(`${h.url}${path}`, { headers: { cookie } });
    expect(r.status, path).toBe(200);
    return load(await r.text());
  };

  beforeAll(async () => {
    h = await startConsole({ sourcesYaml: SOURCES });
    cookie = (await login(h.url, ADMIN))!;
    const validators = { etag: null, lastModified: null, bodyHash: null };
    // alpha: two answered polls that queued 5 entries, 4 articles done of which 1 from the feed.
    await h.rt.health.pollSucceeded('alpha', { status: 200, fetchMs: 120, queued: 3, validators, movedTo: null });
    await h.rt.health.pollSucceeded('alpha', { status: 200, fetchMs: 80, queued: 2, validators, movedTo: null });
    for (const fromFeed of [false, true, false, false]) await h.rt.health.articleDone('alpha', fromFeed);
    // gamma: three failed polls in a row, a failing alert open.
    for (let i = 0; i < 3; i++)
      await h.rt.health.pollFailed(
        'gamma',
        new WireError('http-status', 'HTTP 503 from gamma.example', { status: 503 }),
      );
    await h.rt.alerts.raise('gamma', {
      kind: 'failing',
      since: Date.now() - 60_000,
      message: '3 polls failed in a row',
    });
  });
  afterAll(async () => h?.close());

  it('shows the same numbers as `wire sources list --json` and /api/sources', async () => {
    const cli = await runWire(['sources', 'list', '--json', '--config', h.dir], {
      REDIS_URL: TEST_REDIS_URL,
      WIRE_PREFIX: h.rt.prefix,
    });
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout).sources as Record<string, unknown>[];
    const api = (await (await fetch(`${h.url}/api/sources`, { headers: { authorization: `Bearer ${ADMIN}` } })).json())
      .sources as Record<string, unknown>[];
    const $ = await page('/');
    const fromPage = $('tr[data-source]')
      .toArray()
      .map((tr) => {
        const v = (field: string) => $(tr).find(`[data-field="${field}"]`).attr('data-value') ?? null;
        return {
          id: $(tr).attr('data-source'),
          consecutiveFailures: Number(v('consecutiveFailures')),
          itemsToday: Number(v('itemsToday')),
          publishedToday: Number(v('publishedToday')),
          fallbackRate: v('fallbackRate') === '' ? null : Number(v('fallbackRate')),
          lastSuccessAt: v('lastSuccessAt') || null,
          alerts: Number(v('alerts')),
          days: JSON.parse(v('days')!) as unknown,
        };
      });
    const shape = (rows: Record<string, unknown>[]) =>
      rows.map((r) => {
        const health = r.health as Record<string, unknown>;
        return {
          id: r.id,
          consecutiveFailures: health.consecutiveFailures,
          itemsToday: health.itemsToday,
          publishedToday: health.publishedToday,
          fallbackRate: r.fallbackRate,
          lastSuccessAt: health.lastSuccessAt,
          alerts: (r.alerts as unknown[]).length,
          days: r.days,
        };
      });
    expect(fromPage).toEqual(shape(fromCli));
    expect(fromPage).toEqual(shape(api));
    // And they are the numbers recorded above, not zeros agreeing with zeros.
    expect(fromPage.find((r) => r.id === 'alpha')).toMatchObject({
      itemsToday: 5,
      publishedToday: 4,
      fallbackRate: 0.25,
    });
    expect(fromPage.find((r) => r.id === 'gamma')).toMatchObject({ consecutiveFailures: 3, alerts: 1 });
    const today = new Date().toISOString().slice(0, 10);
    expect(fromPage.find((r) => r.id === 'alpha')!.days).toContainEqual({
      date: today,
      pollsOk: 2,
      pollsFailed: 0,
      items: 5,
    });
    expect(fromPage.find((r) => r.id === 'gamma')!.days).toContainEqual({
      date: today,
      pollsOk: 0,
      pollsFailed: 3,
      items: 0,
    });
  });

  it('marks failing, healthy and disabled sources, and filters by state', async () => {
    const $ = await page('/');
    expect($('tr[data-source="alpha"]').attr('data-state')).toBe('healthy');
    expect($('tr[data-source="gamma"]').attr('data-state')).toBe('failing');
    expect($('tr[data-source="beta"]').attr('data-state')).toBe('disabled');
    expect($('tr[data-source="gamma"] [data-field="alerts"]').text()).toContain('3 polls failed in a row');
    const failing = await page('/?state=failing');
    expect(
      failing('tr[data-source]')
        .toArray()
        .map((tr) => failing(tr).attr('data-source')),
    ).toEqual(['gamma']);
    const disabled = await page('/?state=disabled');
    expect(
      disabled('tr[data-source]')
        .toArray()
        .map((tr) => disabled(tr).attr('data-source')),
    ).toEqual(['beta']);
    // The 7-day charts: today's bar of alpha carries its 5 items and 2 polls.
    const today = new Date().toISOString().slice(0, 10);
    expect($('tr[data-source="alpha"] svg').first().attr('aria-label')).toContain(`${today.slice(5)} 5`);
    expect($('tr[data-source="gamma"] svg').last().attr('aria-label')).toContain(`${today.slice(5)} 0/3`);
  });

  it('a source page: health, errors with class and time, config with defaults', async () => {
    const $ = await page('/sources/gamma');
    expect($('h1').text()).toContain('Gamma Wire');
    expect($('[data-field="consecutiveFailures"]').attr('data-value')).toBe('3');
    const errors = $('tr[data-error-kind]');
    expect(errors.length).toBe(3);
    expect(errors.first().attr('data-error-kind')).toBe('http-status');
    expect(errors.first().text()).toContain('HTTP 503 from gamma.example');
    expect(errors.first().find('time').attr('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const config = JSON.parse($('pre.json').text());
    expect(config).toMatchObject({ id: 'gamma', everyMs: 600_000, enabled: true, extract: {} });
  });

  it('a source paused from the console is paused for `wire sources list` and /api/sources too', async () => {
    await post(h.url, '/sources/gamma/pause', cookie);
    try {
      const $ = await page('/');
      expect($('tr[data-source="gamma"]').attr('data-state')).toBe('paused');
      const cli = await runWire(['sources', 'list', '--config', h.dir], {
        REDIS_URL: TEST_REDIS_URL,
        WIRE_PREFIX: h.rt.prefix,
      });
      expect(cli.stdout.split('\n').find((l) => l.startsWith('gamma'))).toMatch(/^gamma\s+paused\s/);
      const api = await (
        await fetch(`${h.url}/api/sources/gamma`, { headers: { authorization: `Bearer ${ADMIN}` } })
      ).json();
      expect(api.health.paused).toMatchObject({ by: 'console (admin)' });
    } finally {
      await post(h.url, '/sources/gamma/resume', cookie);
    }
    expect((await page('/'))('tr[data-source="gamma"]').attr('data-state')).toBe('failing');
  });

  it('poll now queues a forced poll; pause keeps the source in Redis, not in sources.yaml', async () => {
    const r = await post(h.url, '/sources/alpha/poll', cookie);
    expect(r.status).toBe(303);
    const jobs = await h.rt.queues.poll.getJobs(['waiting']);
    expect(jobs.map((j) => j.data)).toContainEqual({ sourceId: 'alpha', force: true });
    expect(h.lines.find((l) => l.action === 'poll-now')).toMatchObject({ role: 'admin', sourceId: 'alpha' });
  });

  it('items: search by headline words and source; the item page with versions, diff, audit and downstream JSON', async () => {
    const v1 = sampleItem({
      source: { id: 'alpha', name: 'Alpha Agency', feedUrl: 'https://feeds.alpha.example/world.xml' },
    });
    await h.rt.items.put(v1);
    const v2 = {
      ...v1,
      version: 2,
      headline: 'Talks resume in Geneva after delay',
      body: {
        ...v1.body,
        text: `${v1.body.text}\n\nA new paragraph.`,
        paragraphs: [...v1.body.paragraphs, 'A new paragraph.'],
      },
    };
    await h.rt.items.put(v2);
    const base = sampleInput();
    const other = sampleItem({
      source: { id: 'gamma', name: 'Gamma Wire', feedUrl: 'https://gamma.example/rss' },
      feedItem: { ...base.feedItem, guid: 'other', link: 'https://gamma.example/2', title: 'Storm Hits Coast' },
      metadata: { ...base.metadata, canonicalUrl: 'https://gamma.example/2' },
      headline: { text: 'Storm hits coast', original: 'Storm Hits Coast', applied: [], tooLong: false },
    });
    expect(other.id).not.toBe(v1.id);
    await h.rt.items.put(other);

    const found = await page('/items?q=geneva+talks');
    expect(
      found('tr[data-item]')
        .toArray()
        .map((tr) => found(tr).attr('data-item')),
    ).toEqual([v1.id]);
    const bySource = await page('/items?source=gamma');
    expect(
      bySource('tr[data-item]')
        .toArray()
        .map((tr) => bySource(tr).attr('data-item')),
    ).toEqual([other.id]);
    expect((await page('/items?q=nothing-matches'))('tr[data-item]').length).toBe(0);

    const $ = await page(`/items/${v1.id}`);
    expect($('[data-headline="original"]').first().text()).toBe('Talks Resume In Geneva');
    expect($('[data-headline="restyled"]').first().text()).toBe('Talks resume in Geneva after delay');
    expect($('ol.versions li').length).toBe(2);
    expect($('.diff ins').text()).toContain('after delay');
    expect($('.diff ins').text()).toContain('A new paragraph.');
    expect($('caption:contains("Headline audit")').length).toBe(1);
    expect($('[data-field="pubStatus"]').text()).toBe('usable');
    const json = JSON.parse($('pre.json').last().text());
    expect(json).toMatchObject({ id: v1.id, version: 2, headline: 'Talks resume in Geneva after delay' });
    // The reader's view, as the example consumer renders it: attribution at the bottom.
    expect($('.preview footer .source').text()).toContain('Alpha Agency');
    expect($('.preview footer .source a').attr('href')).toBe(v1.source.url);
  });

  it('an item of a story group shows its group and the other sources that reported it', async () => {
    const base = sampleInput();
    const first = sampleItem({
      source: { id: 'alpha', name: 'Alpha Agency', feedUrl: 'https://feeds.alpha.example/world.xml' },
      feedItem: { ...base.feedItem, guid: 'quake-a', link: 'https://alpha.example/quake', title: 'Quake Hits' },
      metadata: { ...base.metadata, canonicalUrl: 'https://alpha.example/quake' },
    });
    const copy = {
      ...sampleItem({
        source: { id: 'gamma', name: 'Gamma Wire', feedUrl: 'https://gamma.example/rss' },
        feedItem: { ...base.feedItem, guid: 'quake-g', link: 'https://gamma.example/quake', title: 'Quake Hits' },
        metadata: { ...base.metadata, canonicalUrl: 'https://gamma.example/quake' },
      }),
      storyGroup: first.id,
      alsoReportedBy: [
        { sourceId: 'alpha', sourceName: 'Alpha Agency', itemId: first.id, url: 'https://alpha.example/quake' },
      ],
    };
    await h.rt.items.put(copy);
    const $ = await page(`/items/${copy.id}`);
    expect($('[data-story-group]').first().text()).toBe(first.id);
    const row = $('caption:contains("Also reported by")').closest('table').find('tbody tr');
    expect(row.length).toBe(1);
    expect(row.find('th').text()).toContain('Alpha Agency');
    expect(row.find(`a[href="/items/${first.id}"]`).length).toBe(1);
    // The reader's view carries the same line, as the example consumer renders it.
    expect($('.preview .also-reported-by a').attr('href')).toBe('https://alpha.example/quake');
  });

  it('republish and withdraw (with a reason) queue downstream jobs, logged with the role', async () => {
    const item = sampleItem({
      source: { id: 'alpha', name: 'Alpha Agency', feedUrl: 'https://feeds.alpha.example/world.xml' },
    });
    await h.rt.items.put(item);
    const before = await h.rt.queues.publish.getJobCounts('waiting');
    expect((await post(h.url, `/items/${item.id}/republish`, cookie)).status).toBe(303);
    expect((await h.rt.queues.publish.getJobCounts('waiting')).waiting).toBe(before.waiting + 1);
    const noReason = await post(h.url, `/items/${item.id}/withdraw`, cookie, { reason: ' ' });
    expect(new URL(noReason.headers.get('location')!, h.url).searchParams.get('failed')).toMatch(/needs a reason/);
    const w = await post(h.url, `/items/${item.id}/withdraw`, cookie, { reason: 'legal asked' });
    expect(w.status).toBe(303);
    const state = await h.rt.items.get(item.id);
    expect(state!.item.pubStatus).toBe('canceled');
    expect(state!.item.lifecycle.note).toBe('legal asked');
    expect(state!.item.lifecycle.withdrawnBy).toBe('console (admin)');
    expect(h.lines.find((l) => l.action === 'withdraw')).toMatchObject({
      role: 'admin',
      itemId: item.id,
      reason: 'legal asked',
    });
    expect(h.lines.find((l) => l.action === 'republish')).toMatchObject({ role: 'admin', itemId: item.id });
  });

  it('problems: failed jobs grouped by reason class, counted as `wire failed list` counts them; retry and drop', async () => {
    const bull = testBull(h.rt.prefix);
    const worker = new Worker(
      'article',
      async (job) => {
        throw new Error(job.id!.startsWith('net') ? 'network: connection refused' : 'parse: not a feed');
      },
      { connection: bull.connection, prefix: bull.prefix('article') },
    );
    const failedNow = new Promise<void>((done) => {
      let n = 0;
      worker.on('failed', () => ++n === 3 && done());
    });
    for (const id of ['net-1', 'net-2', 'parse-1'])
      await h.rt.queues.article.add(
        'article',
        { sourceId: 'alpha', item: { link: `https://x.example/${id}` } } as never,
        {
          jobId: id,
          attempts: 1,
        },
      );
    await failedNow;
    await worker.close();
    bull.close();

    const cli = await runWire(['failed', 'list', '--json', '--config', h.dir], {
      REDIS_URL: TEST_REDIS_URL,
      WIRE_PREFIX: h.rt.prefix,
    });
    const cliJobs = JSON.parse(cli.stdout).jobs as { id: string }[];
    const $ = await page('/problems');
    expect(Number($('[data-total]').attr('data-total'))).toBe(cliJobs.length);
    expect($('[data-reason-class="network"] tr[data-job]').length).toBe(2);
    expect($('[data-reason-class="parse"] tr[data-job]').length).toBe(1);

    const retry = await post(h.url, '/problems/failed/retry', cookie, { id: ['net-1', 'net-2'] });
    expect(new URL(retry.headers.get('location')!, h.url).searchParams.get('done')).toBe('Retried 2 job(s).');
    expect((await h.rt.queues.article.getJob('net-1'))!.finishedOn).toBeUndefined();
    await post(h.url, '/problems/failed/drop', cookie, { id: 'parse-1' });
    expect(await h.rt.queues.article.getJob('parse-1')).toBeUndefined();
    expect((await page('/problems'))('tr[data-job]').length).toBe(0);
    const logged = h.lines.find((l) => l.action === 'failed-retry')!;
    expect(logged.role).toBe('admin');
    expect((logged.jobIds as string[]).sort()).toEqual(['net-1', 'net-2']);
  });

  it('problems: held items with release and drop', async () => {
    const held = sampleItem({
      source: { id: 'alpha', name: 'Alpha Agency', feedUrl: 'https://feeds.alpha.example/world.xml' },
    });
    const other = { ...held, id: 'f'.repeat(32) };
    for (const item of [held, other])
      await h.rt.editorial.hold({
        item,
        rule: 'legal-check',
        scope: 'global',
        matched: 'body: "court"',
        reason: 'legal',
        at: new Date().toISOString(),
      });
    const $ = await page('/problems');
    expect($('tr[data-held]').length).toBe(2);
    await post(h.url, `/problems/held/${held.id}/release`, cookie);
    expect((await h.rt.items.get(held.id))?.item.editorial?.released?.rule).toBe('legal-check');
    await post(h.url, `/problems/held/${other.id}/drop`, cookie);
    expect(await h.rt.editorial.held()).toEqual([]);
    expect(h.lines.filter((l) => l.action === 'held-release' || l.action === 'held-drop').length).toBe(2);
  });
});
