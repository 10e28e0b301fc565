import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REALM = 'media-wire';

/** The dashboard's cookie: set once from `?token=`, then sent by the browser with every asset and API call. */
export const DASHBOARD_COOKIE = 'wire_admin';

/**
 * Equal-time comparison of two secrets of any length: both are hashed first, so neither the length nor
 * the first differing byte leaks through the response time.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * The cookie holds a value derived from the token, not the token itself: a leaked cookie jar does not
 * give away the bearer token for the API, and changing the token invalidates every cookie.
 */
export function dashboardCookieValue(token: string): string {
  return createHmac('sha256', token).update('media-wire dashboard session v1').digest('base64url');
}

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

/** The credential a request carries, if it matches the token. */
export function credentialOf(
  req: FastifyRequest,
  token: string,
  dashboard: boolean,
): { valid: Credential; presented: boolean } {
  const auth = req.headers.authorization ?? '';
  const space = auth.indexOf(' ');
  const scheme = (space > 0 ? auth.slice(0, space) : auth).toLowerCase();
  const value = space > 0 ? auth.slice(space + 1).trim() : '';
  if (scheme === 'bearer') return { valid: sameSecret(value, token) ? 'bearer' : null, presented: true };
  if (scheme === 'basic') {
    // A browser's own login prompt, on the dashboard only (the only place that asks for it): any user
    // name, the token as password. Scripts use the bearer header everywhere else.
    if (!dashboard) return { valid: null, presented: true };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return { valid: decoded.includes(':') && sameSecret(password, token) ? 'basic' : null, presented: true };
  }
  // The cookie is scoped to the dashboard's path by the browser; it is honoured nowhere else either.
  const cookie = dashboard ? parseCookies(req.headers.cookie).get(DASHBOARD_COOKIE) : undefined;
  if (cookie !== undefined)
    return { valid: sameSecret(cookie, dashboardCookieValue(token)) ? 'cookie' : null, presented: true };
  return { valid: null, presented: false };
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
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
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
