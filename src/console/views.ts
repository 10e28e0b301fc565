import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

/**
 * The console's templates and static files live beside this module in the source tree (src/console/views,
 * src/console/assets). Run from the build (dist/src/console), they are found in the package's src/console,
 * which the package and the Docker image ship.
 */
export function consoleDir(name: 'views' | 'assets'): string {
  const candidates = [
    new URL(`./${name}/`, import.meta.url),
    new URL(`../../../src/console/${name}/`, import.meta.url),
  ];
  for (const c of candidates) {
    const path = fileURLToPath(c);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `the console's ${name} folder is missing (looked in ${candidates.map((c) => fileURLToPath(c)).join(', ')})`,
  );
}

/** Eta (maintained, no dependencies, no install script): templates escape every value unless told not to. */
export function createViews(): Eta {
  return new Eta({ views: consoleDir('views'), cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
}
