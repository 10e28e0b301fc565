import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Tokens, roles and the session cookie of the admin HTTP: what the server's auth hook and the console's
 * login share (src/server/README.md, Auth).
 */

/**
 * The session cookie: set by the console's login form or the dashboard's `?token=`, then sent by the browser
 * with every page, asset and dashboard API call (Path=/).
 */
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

/**
 * Who a request acts as: `admin` (WIRE_ADMIN_TOKEN, or anyone on an open loopback server) may do
 * everything; `viewer` (WIRE_VIEWER_TOKEN) may read every page and route and change nothing.
 */
export type Role = 'admin' | 'viewer';

/** The tokens a server accepts: the admin one, and the read-only viewer one when set. */
export interface Tokens {
  admin: string;
  viewer?: string;
}

/** The role whose token (or cookie derived from it) `given` is; both are compared, each in constant time. */
export function roleOf(given: string, tokens: Tokens, derive: (t: string) => string = (t) => t): Role | null {
  const admin = sameSecret(given, derive(tokens.admin));
  const viewer = tokens.viewer !== undefined && sameSecret(given, derive(tokens.viewer));
  return admin ? 'admin' : viewer ? 'viewer' : null;
}

/** The role of a token given in a URL or a login form. */
export function roleOfToken(given: string, tokens: Tokens): Role | null {
  return roleOf(given, tokens);
}

/** The session cookie for a token (Path=/: the console and the dashboard), `Secure` over HTTPS. */
export function sessionCookie(token: string, https: boolean): string {
  return `${DASHBOARD_COOKIE}=${dashboardCookieValue(token)}; Path=/; HttpOnly; SameSite=Strict${https ? '; Secure' : ''}`;
}

/** The header that ends the session. */
export function clearedSessionCookie(): string {
  return `${DASHBOARD_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

const roles = new WeakMap<FastifyRequest, Role>();

/** Records the role the auth hook found for a request (admin on an open loopback server). */
export function setRequestRole(req: FastifyRequest, role: Role): void {
  roles.set(req, role);
}

/** The role of a request that passed the auth hook; `admin` when none was recorded (no token: open server). */
export function requestRole(req: FastifyRequest): Role {
  return roles.get(req) ?? 'admin';
}

/** A request that would change something: everything but GET, HEAD and OPTIONS. */
export function isWrite(req: FastifyRequest): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
}
