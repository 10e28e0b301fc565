import type { FastifyInstance } from 'fastify';
import { createConsoleContext, type ConsoleOptions, type ConsoleRuntime } from './page.js';
import { registerAddSource } from './routes/add-source.js';
import { registerItems } from './routes/items.js';
import { registerProblems } from './routes/problems.js';
import { ASSETS_PATH, LOGIN_PATH, registerSession } from './routes/session.js';
import { registerSources } from './routes/sources.js';
import { consoleDir, createViews } from './views.js';

export { ASSETS_PATH, LOGIN_PATH } from './routes/session.js';
export type { ConsoleOptions, ConsoleRuntime } from './page.js';

/** Paths the console serves without a session: the login form and its styles and script. */
export function isConsolePublic(path: string): boolean {
  return path === LOGIN_PATH || path === '/logout' || path.startsWith(ASSETS_PATH);
}

/**
 * The operator console: server-rendered pages under `/` of the admin HTTP (src/console/README.md). Reading
 * works with JavaScript off; every action is a form POST, refused to the viewer role by the admin server's
 * auth hook, and logged with the role and what it did (page.ts `acted`). Each route module registers one part.
 */
export async function registerConsole(
  app: FastifyInstance,
  rt: ConsoleRuntime,
  opts: ConsoleOptions = {},
): Promise<void> {
  const ctx = createConsoleContext(rt, opts, createViews());
  const assets = consoleDir('assets');

  await app.register(async (scope) => {
    // Forms post application/x-www-form-urlencoded: read as URLSearchParams (several values per name kept).
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, new URLSearchParams(body as string)),
    );
    registerSession(scope, ctx, assets);
    registerSources(scope, ctx, rt);
    registerAddSource(scope, ctx, rt);
    registerItems(scope, ctx, rt);
    registerProblems(scope, ctx, rt);
  });
}
