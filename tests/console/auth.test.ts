/**
 * The console's login and roles: the same token and session cookie as the dashboard; the viewer role
 * (WIRE_VIEWER_TOKEN) reads everything and changes nothing, in the console, the dashboard and the API;
 * cross-site writes are refused; every action is logged with its role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminServer, tokensRefusal } from '../../src/server/index.js';
import { adminSettings } from '../../src/cli/commands/start.js';
import { ADMIN, login, post, startConsole, VIEWER, type ConsoleHarness } from './harness.js';

describe('console auth', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(async () => h?.close());

  it('sends a browser without a session to the login form, and back after it', async () => {
    const r = await fetch(`${h.url}/items?q=x`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/login?next=%2Fitems%3Fq%3Dx');
    // A script (no text/html) gets the API's 401.
    expect((await fetch(`${h.url}/items`, { redirect: 'manual' })).status).toBe(401);
    const form = await (await fetch(`${h.url}/login?next=%2Fitems`)).text();
    expect(form).toContain('<label for="token">Token</label>');
    expect(form).toContain('name="next" value="/items"');
  });

  it('a wrong token is refused; the admin token gives a session cookie (HttpOnly, SameSite=Strict, not the token)', async () => {
    expect(await login(h.url, 'wrong')).toBeNull();
    const res = await fetch(`${h.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.url },
      body: new URLSearchParams({ token: ADMIN, next: '//evil.example/' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/'); // never another site
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^wire_admin=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(ADMIN);
    const page = await (await fetch(`${h.url}/`, { headers: { cookie: cookie.split(';')[0] } })).text();
    expect(page).toContain('data-role="admin"');
    expect(page).toContain('action="/sources/alpha/poll"');
    // The same session opens the dashboard.
    expect((await fetch(`${h.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } })).status).toBe(200);
  });

  it('a login posted from another site is refused', async () => {
    const res = await fetch(`${h.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ token: ADMIN }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('an action posted from another site with the admin session is refused and changes nothing', async () => {
    const cookie = (await login(h.url, ADMIN))!;
    const cross = await post(h.url, '/sources/alpha/pause', cookie, {}, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const fetchSite = await post(h.url, '/sources/alpha/pause', cookie, {}, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    expect(await h.rt.health.paused('alpha')).toBeNull();
  });

  it('the admin acts, and the action is logged with its role and what it did', async () => {
    const cookie = (await login(h.url, ADMIN))!;
    const r = await post(h.url, '/sources/alpha/pause', cookie);
    expect(r.status).toBe(303);
    expect(new URL(r.headers.get('location')!, h.url).searchParams.get('done')).toMatch(/^alpha paused/);
    expect(await h.rt.health.paused('alpha')).toMatchObject({ by: 'console (admin)' });
    expect(h.lines.find((l) => l.action === 'pause')).toMatchObject({ role: 'admin', sourceId: 'alpha' });
    await post(h.url, '/sources/alpha/resume', cookie);
    expect(await h.rt.health.paused('alpha')).toBeNull();
    expect(h.lines.find((l) => l.action === 'resume')).toMatchObject({ role: 'admin', sourceId: 'alpha' });
  });

  it('the viewer sees every page, no action button, and every action answers 403 (console, dashboard, API)', async () => {
    const cookie = (await login(h.url, VIEWER))!;
    expect(cookie).toMatch(/^wire_admin=/);
    for (const path of ['/', '/sources/alpha', '/items', '/problems', '/add']) {
      const r = await fetch(`${h.url}${path}`, { headers: { cookie } });
      expect(r.status, path).toBe(200);
      const html = await r.text();
      expect(html, path).toContain('data-role="viewer"');
      expect(html, path).not.toMatch(/<form method="post" action="\/(sources|items|problems|add)/);
    }
    const actions = [
      '/sources/alpha/poll',
      '/sources/alpha/pause',
      '/sources/alpha/resume',
      '/items/0123456789abcdef0123456789abcdef/republish',
      '/items/0123456789abcdef0123456789abcdef/withdraw',
      '/problems/failed/retry',
      '/problems/failed/drop',
      '/problems/held/0123456789abcdef0123456789abcdef/release',
      '/add/write',
    ];
    for (const path of actions)
      expect((await post(h.url, path, cookie, { id: 'x', reason: 'r' })).status, path).toBe(403);
    expect(await h.rt.health.paused('alpha')).toBeNull();
    expect((await h.rt.queues.poll.getJobCounts('waiting')).waiting).toBe(0);
    // The dashboard with the viewer session: reads, no writes.
    expect((await fetch(`${h.url}/admin/queues/api/queues`, { headers: { cookie } })).status).toBe(200);
    const pause = await fetch(`${h.url}/admin/queues/api/queues/poll/pause`, {
      method: 'PUT',
      headers: { cookie, origin: h.url },
    });
    expect(pause.status).toBe(403);
    expect(await h.rt.queues.poll.isPaused()).toBe(false);
    // The API with the viewer's bearer token: reads, no writes.
    const bearer = { authorization: `Bearer ${VIEWER}` };
    expect((await fetch(`${h.url}/api/sources`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${h.url}/metrics`, { headers: bearer })).status).toBe(200);
    const release = await fetch(`${h.url}/api/held/0123456789abcdef0123456789abcdef/release`, {
      method: 'POST',
      headers: bearer,
    });
    expect(release.status).toBe(403);
    expect(h.lines.some((l) => l.role === 'viewer' && /viewer role may not change/.test(l.msg))).toBe(true);
  });

  it('logging out ends the session', async () => {
    const cookie = (await login(h.url, ADMIN))!;
    const out = await post(h.url, '/logout', cookie);
    expect(out.headers.get('set-cookie')).toMatch(/^wire_admin=; Path=\/; .*Max-Age=0/);
  });
});

describe('viewer token settings', () => {
  it('is refused without an admin token, or equal to it (before anything starts)', () => {
    expect(tokensRefusal(undefined, VIEWER)).toMatch(/without WIRE_ADMIN_TOKEN/);
    expect(tokensRefusal(ADMIN, ADMIN)).toMatch(/must differ/);
    expect(tokensRefusal(ADMIN, VIEWER)).toBeNull();
    expect(() => adminSettings({}, { WIRE_VIEWER_TOKEN: VIEWER })).toThrow(/without WIRE_ADMIN_TOKEN/);
    expect(adminSettings({}, { WIRE_ADMIN_TOKEN: ADMIN, WIRE_VIEWER_TOKEN: VIEWER }).viewerToken).toBe(VIEWER);
  });

  it('buildAdminServer refuses a viewer token without an admin token', async () => {
    await expect(buildAdminServer({} as never, {} as never, { viewerToken: VIEWER })).rejects.toThrow(
      /without WIRE_ADMIN_TOKEN/,
    );
  });
});
