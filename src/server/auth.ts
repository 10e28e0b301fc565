import { DASHBOARD_COOKIE, dashboardCookieValue, isWrite, roleOf, type Role, type Tokens } from '../auth/session.js';
import ipaddr from 'ipaddr.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export * from '../auth/session.js';

export const REALM = 'media-wire';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (!ipaddr.isValid(h)) return false;
  return ipaddr.process(h).range() === 'loopback';
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** How a request proved itself. Only `bearer` cannot be attached by a browser to a cross-site request. */
export type Credential = 'bearer' | 'basic' | 'cookie' | null;

/** Where a path belongs, for which credentials it takes. */
export type Area = 'api' | 'dashboard' | 'console';

/**
 * The credential a request carries and the role it gives, if it matches a token. The API (/api, /metrics,
 * /readyz) takes the bearer header only; the dashboard also Basic (the browser's prompt) and the session
 * cookie; the console the bearer header and the cookie.
 */
export function credentialOf(
  req: FastifyRequest,
  tokens: Tokens,
  area: Area,
): { valid: Credential; role: Role | null; presented: boolean } {
  const auth = req.headers.authorization ?? '';
  const space = auth.indexOf(' ');
  const scheme = (space > 0 ? auth.slice(0, space) : auth).toLowerCase();
  const value = space > 0 ? auth.slice(space + 1).trim() : '';
  if (scheme === 'bearer') {
    const role = roleOf(value, tokens);
    return { valid: role ? 'bearer' : null, role, presented: true };
  }
  if (scheme === 'basic') {
    // A browser's own login prompt, on the dashboard only (the only place that asks for it): any user
    // name, the token as password. Scripts use the bearer header everywhere else.
    if (area !== 'dashboard') return { valid: null, role: null, presented: true };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const role = decoded.includes(':') ? roleOf(decoded.slice(decoded.indexOf(':') + 1), tokens) : null;
    return { valid: role ? 'basic' : null, role, presented: true };
  }
  // The session cookie (from the console's login or the dashboard's ?token=): honoured on the console and
  // the dashboard, never on the API, whose scripts send the bearer header.
  const cookie = area !== 'api' ? parseCookies(req.headers.cookie).get(DASHBOARD_COOKIE) : undefined;
  if (cookie !== undefined) {
    const role = roleOf(cookie, tokens, dashboardCookieValue);
    return { valid: role ? 'cookie' : null, role, presented: true };
  }
  return { valid: null, role: null, presented: false };
}

export function unauthorized(reply: FastifyReply, dashboard: boolean, presented: boolean): FastifyReply {
  const bearer = presented ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`;
  // On the dashboard a Basic challenge makes the browser show its login prompt; the API answers Bearer only.
  reply.header('www-authenticate', dashboard ? [`Basic realm="${REALM}", charset="UTF-8"`, bearer] : bearer);
  return reply.code(401).send({
    error: 'unauthorized',
    message: presented ? 'the token does not match' : 'send Authorization: Bearer <WIRE_ADMIN_TOKEN>',
  });
}

/**
 * A state-changing request carrying credentials a browser attaches by itself (cookie, Basic, or none when
 * the server is open on loopback) must come from a page of this server: otherwise any web page the
 * operator visits could POST to the dashboard's API (a text/plain form post needs no CORS preflight).
 */
export function crossSiteWrite(req: FastifyRequest): boolean {
  if (!isWrite(req)) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}
