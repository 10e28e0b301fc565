import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a config directory with the given wire.yaml and sources.yaml texts; returns its path. */
export function writeConfig(wireYaml: string, sourcesYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wire-config-'));
  writeFileSync(join(dir, 'wire.yaml'), wireYaml);
  writeFileSync(join(dir, 'sources.yaml'), sourcesYaml);
  return dir;
}
