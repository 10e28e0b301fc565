import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { clearedSessionCookie, roleOfToken, sessionCookie } from '../../auth/session.js';
import { localPath, type ConsoleContext } from '../page.js';

export const LOGIN_PATH = '/login';
export const ASSETS_PATH = '/assets/';

const ASSET_TYPES: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

/** The stylesheet and script, the login form, the session's end: served without a session. */
export function registerSession(scope: FastifyInstance, ctx: ConsoleContext, assets: string): void {
  const { log, page, form } = ctx;

  scope.get<{ Params: { file: string } }>(`${ASSETS_PATH}:file`, async (req, reply) => {
    const type = ASSET_TYPES[req.params.file];
    if (!type) return reply.code(404).send({ error: 'not-found', message: 'no such asset' });
    return reply
      .type(type)
      .header('cache-control', 'no-cache')
      .send(readFileSync(join(assets, req.params.file)));
  });

  scope.get<{ Querystring: { next?: string } }>(LOGIN_PATH, async (req, reply) => {
    if (!ctx.tokens) return reply.code(303).header('location', localPath(req.query.next)).send();
    return page(reply, req, 'login', { title: 'Log in', next: localPath(req.query.next), error: null });
  });

  scope.post(LOGIN_PATH, async (req, reply) => {
    const f = form(req);
    const next = localPath(f.get('next'));
    if (!ctx.tokens) return reply.code(303).header('location', next).send();
    const token = f.get('token') ?? '';
    const role = roleOfToken(token, ctx.tokens);
    if (!role) {
      log.warn({ ip: req.ip }, 'console login refused: the token does not match');
      return page(reply, req, 'login', { title: 'Log in', next, error: 'That token does not match.' }, 401);
    }
    log.info({ role, ip: req.ip }, 'console login');
    return reply
      .code(303)
      .header('set-cookie', sessionCookie(token, req.protocol === 'https'))
      .header('location', next)
      .send();
  });

  scope.post('/logout', async (_req, reply) =>
    reply.code(303).header('set-cookie', clearedSessionCookie()).header('location', LOGIN_PATH).send(),
  );
}
