/**
 * `npm run screenshots`: the console's main pages at laptop (1366x800) and phone (390x844) sizes, written to
 * docs/console/<page>-<size>.png. It runs what the browser test runs: a full `wire start` over a local agency
 * on 127.0.0.1 (a healthy, a failing and a flaky source), Debian's chromium through playwright-core, and the
 * Redis of the tests (REDIS_URL, default 127.0.0.1:6379) under a key prefix of its own, dropped at the end.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ADMIN } from '../tests/console/harness.js';
import { launchChromium } from '../tests/helpers/chromium.js';
import { startWire, until } from '../tests/console/wire-start.js';

const OUT = fileURLToPath(new URL('../docs/console/', import.meta.url));
const SIZES = { laptop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } } as const;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  const run = await startWire();
  try {
    const api = (path: string) =>
      fetch(`${run.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } }).then((r) => r.json());
    await until('the first polls', async () => {
      const by = Object.fromEntries(
        ((await api('/api/sources')).sources as { id: string; health: Record<string, number> }[]).map((s) => [
          s.id,
          s.health,
        ]),
      );
      return (
        by.local?.publishedToday === 2 &&
        by.broken?.consecutiveFailures >= 1 &&
        (await run.queues.article.getFailedCount()) === 1
      );
    });

    const context = await browser.newContext({ viewport: SIZES.laptop });
    await context.route('**/*', (route) =>
      new URL(route.request().url()).origin === new URL(run.url).origin ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${run.url}/login`);
    await page.getByLabel('Token').fill(ADMIN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${run.url}/`);

    // A second version of the Geneva story, through the console's own "Poll now".
    run.agency.bump();
    await page
      .locator('tr[data-source="local"]')
      .getByRole('button', { name: /Poll now/ })
      .click();
    let itemPath = '';
    await until('the second version', async () => {
      await page.goto(`${run.url}/items?q=geneva`);
      const link = page.getByRole('link', { name: 'Talks resume in Geneva after delay' });
      if (!(await link.count())) return false;
      itemPath = (await link.getAttribute('href')) ?? '';
      return true;
    });

    const shots: [string, string][] = [
      ['sources', '/'],
      ['source', '/sources/broken'],
      ['items', '/items'],
      ['item', itemPath],
      ['problems', '/problems'],
      [
        'add-source',
        `/add/check?${new URLSearchParams({ id: 'local-agency-business', name: 'Local Agency Business', feed: `${run.agency.origin}/business.xml` })}`,
      ],
    ];
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      for (const [name, path] of shots) await shoot(page, `${run.url}${path}`, `${OUT}${name}-${size}.png`);
    }
    await context.close();
  } finally {
    await browser.close();
    await run.stop();
  }
}

async function shoot(page: Page, url: string, file: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.screenshot({ path: file, fullPage: false });
  process.stdout.write(`wrote ${file}\n`);
}

await main();
