/**
 * The console in a real browser (Debian's chromium, driven by playwright-core) against a full `wire start`
 * with a local agency on 127.0.0.1. Every request the pages make is recorded (and any to another host is
 * aborted): none may go anywhere but the admin server. This test needs /usr/bin/chromium (.ci/run installs
 * it) and fails, not skips, when it cannot start.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, VIEWER } from './harness.js';
import { launchChromium } from '../helpers/chromium.js';
import { startWire, until, type WireRun } from './wire-start.js';

describe('the console in a browser, over wire start and a local agency', () => {
  let run: WireRun;
  let browser: Browser;
  const requests: string[] = [];
  const problems: string[] = [];

  /** A browser context whose every request is recorded; only the admin server's are let through. */
  const context = async (): Promise<BrowserContext> => {
    const ctx = await browser.newContext();
    const admin = new URL(run.url).origin;
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return new URL(url).origin === admin ? route.continue() : route.abort('blockedbyclient');
    });
    return ctx;
  };
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // Actions ask before destroying anything: accept in the test.
    page.on('dialog', (d) => void d.accept());
    return page;
  };
  const loginAs = async (token: string): Promise<Page> => {
    const page = watch(await (await context()).newPage());
    await page.goto(`${run.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${run.url}/`);
    return page;
  };

  beforeAll(async () => {
    // Chromium first: a machine without it fails here, before anything else is started.
    browser = await launchChromium();
    run = await startWire();
    const api = (path: string) =>
      fetch(`${run.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } }).then((r) => r.json());
    // The first polls: local published its two stories, broken failed, flaky's article failed.
    await until('the first polls and articles', async () => {
      const sources = (await api('/api/sources')).sources as {
        id: string;
        health: { consecutiveFailures: number; publishedToday: number };
      }[];
      const by = Object.fromEntries(sources.map((s) => [s.id, s.health]));
      return (
        by.local?.publishedToday === 2 &&
        by.broken?.consecutiveFailures >= 1 &&
        (await run.queues.article.getFailedCount()) === 1
      );
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await run?.stop();
  });

  it('logs in with the token, and shows a failing and a healthy source as they are', async () => {
    const page = await loginAs(ADMIN);
    expect(await page.locator('h1').textContent()).toBe('Sources');
    expect(await page.locator('[data-role]').getAttribute('data-role')).toBe('admin');
    const local = page.locator('tr[data-source="local"]');
    const broken = page.locator('tr[data-source="broken"]');
    expect(await local.getAttribute('data-state')).toBe('healthy');
    expect(await local.locator('[data-field="itemsToday"]').getAttribute('data-value')).toBe('2');
    expect(await broken.getAttribute('data-state')).toBe('failing');
    expect(await broken.locator('.badge').textContent()).toBe('failing');
    expect(await broken.locator('[data-field="alerts"]').textContent()).toMatch(/HTTP 503/);
    // The failing filter keeps the failing source only.
    await page.getByRole('link', { name: /^failing/ }).click();
    expect(
      await page.locator('tr[data-source]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source'))),
    ).toEqual(['broken']);
    // Its page: the error with its class.
    await page.getByRole('link', { name: 'Broken Wire' }).click();
    expect(await page.locator('tr[data-error-kind]').first().getAttribute('data-error-kind')).toBe('http-status');
    await page.context().close();
  }, 60_000);

  it('adds a source by discovery and checks it', async () => {
    const page = await loginAs(ADMIN);
    await page.getByRole('link', { name: 'Add a source' }).click();
    await page.getByLabel('Site URL').fill(`${run.agency.origin}/`);
    await page.getByRole('button', { name: 'Find feeds' }).click();
    // The feed local reads is already configured: named, not proposed again; the other one is proposed.
    expect(await page.locator(`li[data-feed="${run.agency.origin}/world.xml"]`).textContent()).toContain(
      'Already configured as local',
    );
    await page.getByRole('link', { name: /Check Local Agency Business as local-agency-business/ }).click();
    await page.locator('[data-check="ok"]').waitFor({ timeout: 30_000 });
    const first = page.locator('.entry').first();
    expect(await first.locator('[data-headline="original"]').textContent()).toBe('Markets Steady As Talks Go On');
    expect((await first.locator('[data-headline="restyled"]').textContent())?.trim()).toBe(
      'Markets steady as talks go on',
    );
    expect(await first.locator('.rules').textContent()).toContain('case');
    expect(await first.locator('.preview .body').textContent()).toContain('Negotiators from both delegations');
    expect(await first.locator('.preview footer .source').textContent()).toContain('Source: Local Agency Business');
    expect(await page.locator('#yaml').textContent()).toContain('- id: local-agency-business');
    await page.context().close();
  }, 60_000);

  it('opens an item: original and restyled headline, rules, and the attribution at the bottom', async () => {
    const page = await loginAs(ADMIN);
    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByLabel('Headline words').fill('geneva');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Talks resume in Geneva' }).click();
    expect(await page.locator('[data-headline="original"]').first().textContent()).toBe(
      'EXCLUSIVE: Talks Resume In Geneva',
    );
    expect(await page.locator('[data-headline="restyled"]').first().textContent()).toBe('Talks resume in Geneva');
    expect(await page.locator('table:has(caption:text("Headline audit")) th[scope="row"]').allTextContents()).toContain(
      'strip',
    );
    const footer = page.locator('.preview footer');
    expect(await footer.locator('.source').textContent()).toContain('Source: Local Agency');
    expect(await footer.locator('.source a').getAttribute('href')).toBe(`${run.agency.origin}/news/talks`);
    expect(await footer.locator('.disclaimer').textContent()).toContain('Example Daily');
    await page.context().close();
  }, 60_000);

  it('retries a failed job and sees it succeed', async () => {
    const page = await loginAs(ADMIN);
    await page.getByRole('link', { name: 'Problems' }).click();
    // The article of flaky failed (HTTP 500); broken's polls failed too (HTTP 503): one class, two jobs.
    const group = page.locator('[data-reason-class="http-status"]');
    const flaky = group.locator('tr[data-job]', { hasText: 'flaky' });
    expect(await flaky.count()).toBe(1);
    expect(await flaky.textContent()).toContain('/news/flaky');
    run.agency.heal();
    await flaky.getByRole('button', { name: /^Retry job/ }).click();
    await page.waitForURL(/\/problems\?done=/);
    expect(await page.locator('.flash.ok').textContent()).toBe('Retried 1 job(s).');
    await until('the retried article to be published', async () => (await run.queues.article.getFailedCount()) === 0);
    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByLabel('Headline words').fill('flaky coast');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Flaky report from the coast' }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Problems' }).click();
    expect(await page.locator('tr[data-job]', { hasText: 'flaky' }).count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('the viewer sees the pages and cannot act', async () => {
    const page = await loginAs(VIEWER);
    expect(await page.locator('[data-role]').getAttribute('data-role')).toBe('viewer');
    expect(await page.getByRole('button', { name: /Poll now/ }).count()).toBe(0);
    await page.goto(`${run.url}/sources/local`);
    expect(await page.getByRole('button', { name: 'Poll now' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Check' }).count()).toBe(1);
    // A POST from the page itself (same origin, with the viewer's session) is refused.
    const status = await page.evaluate(async () => {
      const r = await fetch('/sources/local/poll', { method: 'POST' });
      return r.status;
    });
    expect(status).toBe(403);
    await page.context().close();
  }, 60_000);

  it('is labelled and keyboard usable: landmarks, a label for every field, a name for every button, captions and headers for every table', async () => {
    const page = await loginAs(ADMIN);
    const itemHref = await (async () => {
      await page.goto(`${run.url}/items`);
      return page.locator('tr[data-item] a').first().getAttribute('href');
    })();
    for (const path of [
      '/',
      '/sources/broken',
      '/items',
      itemHref!,
      '/problems',
      `/add?site=${encodeURIComponent(run.agency.origin)}`,
    ]) {
      await page.goto(`${run.url}${path}`);
      const report = await page.evaluate(() => {
        const out: string[] = [];
        for (const sel of ['header[role="banner"]', 'nav[aria-label]', 'main#main', 'h1'])
          if (!document.querySelector(sel)) out.push(`missing ${sel}`);
        for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
          'input:not([type="hidden"]), select',
        ))
          if (!el.labels?.length && !el.getAttribute('aria-label'))
            out.push(`unlabelled field ${el.outerHTML.slice(0, 80)}`);
        for (const b of document.querySelectorAll<HTMLElement>('button, a'))
          if (!b.hidden && !(b.textContent ?? '').trim() && !b.getAttribute('aria-label'))
            out.push(`nameless ${b.outerHTML.slice(0, 80)}`);
        for (const t of document.querySelectorAll('table')) {
          if (!t.querySelector('caption')) out.push('table without caption');
          if (!t.querySelector('th')) out.push('table without headers');
        }
        for (const svg of document.querySelectorAll('svg'))
          if (svg.getAttribute('role') !== 'img' || !svg.getAttribute('aria-label')) out.push('chart without a label');
        return out;
      });
      expect(report, path).toEqual([]);
    }
    // The first Tab reaches the skip link, Enter moves the focus to the content.
    await page.goto(`${run.url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tabbing on reaches the first source's Poll now button, and Enter (a keyboard, no mouse) posts it.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement?.textContent ?? '').startsWith('Poll now'));
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=/);
    expect(await page.locator('.flash.ok').textContent()).toMatch(/^Poll of \w+ queued/);
    await page.context().close();
  }, 60_000);

  it('reads and acts with JavaScript off: login, the sources, a source page, poll now', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const admin = new URL(run.url).origin;
    await ctx.route('**/*', (route) => {
      requests.push(route.request().url());
      return new URL(route.request().url()).origin === admin ? route.continue() : route.abort('blockedbyclient');
    });
    const page = watch(await ctx.newPage());
    await page.goto(`${run.url}/sources/local`);
    await page.getByLabel('Token').fill(ADMIN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${run.url}/sources/local`);
    expect(await page.locator('h1').textContent()).toContain('Local Agency');
    expect(await page.locator('[data-field="itemsToday"]').getAttribute('data-value')).toMatch(/^[1-9]/);
    await page.getByRole('button', { name: 'Poll now' }).click();
    await page.waitForURL(/done=/);
    expect(await page.locator('.flash.ok').textContent()).toMatch(/^Poll of local queued/);
    await ctx.close();
  }, 60_000);

  it('every request the pages made went to the admin server, and no content-security-policy violation', () => {
    const admin = new URL(run.url).origin;
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.filter((u) => new URL(u).origin !== admin)).toEqual([]);
    // The stylesheet and the script came from the server itself.
    expect(requests).toContain(`${admin}/assets/console.css`);
    expect(requests).toContain(`${admin}/assets/console.js`);
    expect(problems).toEqual([]);
  });
});
