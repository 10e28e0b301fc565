/**
 * The console's templates and assets are read at run time from src/console (no build step): the package and
 * the Docker image must ship them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

describe('shipping the console', () => {
  it('package.json files and the Docker image carry the templates and assets', () => {
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files;
    expect(files).toEqual(expect.arrayContaining(['dist', 'src/console/views', 'src/console/assets']));
    const docker = read('Dockerfile');
    expect(docker).toContain('COPY src/console/views ./src/console/views');
    expect(docker).toContain('COPY src/console/assets ./src/console/assets');
  });

  it('every template the routes render, and every asset the layout links, exists', () => {
    const routes = ['index.ts', ...readdirSync(`${ROOT}src/console/routes`).map((f) => `routes/${f}`)]
      .map((f) => read(`src/console/${f}`))
      .join('\n');
    const views = [...routes.matchAll(/page\(\s*reply,\s*req,\s*'([a-z-]+)'/g)].map((m) => m[1]);
    expect(new Set(views)).toEqual(
      new Set(['login', 'sources', 'error', 'source', 'add', 'items', 'item', 'problems']),
    );
    for (const v of views) expect(existsSync(`${ROOT}src/console/views/${v}.eta`), v).toBe(true);
    const layout = read('src/console/views/layout.eta');
    for (const m of layout.matchAll(/(?:href|src)="\/assets\/([^"]+)"/g))
      expect(existsSync(`${ROOT}src/console/assets/${m[1]}`), m[1]).toBe(true);
  });
});
