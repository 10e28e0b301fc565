/**
 * The public API is what the README says: the package entry's export list is pinned here (a change to it is
 * a deliberate change of this list), every name the READMEs say is exported is exported, and `wire --help`
 * lists every command the README names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as entry from '../../src/index.js';
import { runWire } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(`${ROOT}README.md`, 'utf8');
const ALL_READMES = [
  README,
  ...readdirSync(`${ROOT}src`).flatMap((d) => {
    try {
      return [readFileSync(`${ROOT}src/${d}/README.md`, 'utf8')];
    } catch {
      return [];
    }
  }),
].join('\n');

const EXPORTS = [
  'ConfigError',
  'DEFAULT_DISCLAIMER',
  'DEFAULT_TOLERANCE_SECONDS',
  'EXTRACTOR_VERSION',
  'HeadlineStyle',
  'IDEMPOTENCY_HEADER',
  'PUBLISH_JOB_NAME',
  'QUEUE',
  'SIGNATURE_HEADER',
  'TIMESTAMP_HEADER',
  'WIRE_ITEM_SCHEMA',
  'WireError',
  'WireItem',
  'buildWireItem',
  'canonicalizeUrl',
  'createFetcher',
  'decodeHtml',
  'decodeXml',
  'extractArticle',
  'fetchFeed',
  'loadConfig',
  'mergeHeadlineStyles',
  'parseFeed',
  'processArticle',
  'publishJobId',
  'renderArticlePage',
  'renderDisclaimer',
  'renderFooter',
  'restyleHeadline',
  'signPayload',
  'storyId',
  'toNinjs',
  'toPublishPayload',
  'verifySignature',
  'wireItemJsonSchema',
];

/** Names the READMEs say come from the package: `name(...)` (exported), `name` from the package, `import { a, b } from 'media-wire'`. */
function documentedExports(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/`(\w+)(?:\([^`]*\))?` \(exported/g)) names.add(m[1]);
  for (const m of text.matchAll(/`(\w+)` from the package/g)) names.add(m[1]);
  for (const m of text.matchAll(/Also exported: `(\w+)/g)) names.add(m[1]);
  for (const m of text.matchAll(/import (type )?\{([^}]+)\} from 'media-wire'/g)) {
    if (m[1]) continue; // types vanish at run time; the type check covers them
    for (const n of m[2].split(',')) names.add(n.trim());
  }
  return [...names].sort();
}

describe('the package entry', () => {
  it('exports exactly the pinned list', () => {
    expect(Object.keys(entry).sort()).toEqual(EXPORTS);
  });

  it('exports every name the READMEs say it does', () => {
    const documented = documentedExports(ALL_READMES);
    // The ones the README promises publishers and library users, at least.
    expect(documented).toEqual(
      expect.arrayContaining(['canonicalizeUrl', 'extractArticle', 'parseFeed', 'toNinjs', 'verifySignature']),
    );
    expect(documented.filter((n) => !(n in entry))).toEqual([]);
  });
});

describe('wire --help', () => {
  /** `wire <command>` and `wire sources <sub>` as the README names them (in backticks). */
  const named = [...README.matchAll(/`(?:npx )?wire ([a-z-]+)(?: ([a-z-]+))?/g)];
  const commands = [...new Set(named.map((m) => m[1]))].sort();
  const sourcesSubcommands = [...new Set(named.filter((m) => m[1] === 'sources' && m[2]).map((m) => m[2]))].sort();

  it('lists every command the README names', async () => {
    expect(commands).toEqual(
      expect.arrayContaining(['start', 'run', 'preview', 'consume', 'sources', 'status', 'failed', 'republish']),
    );
    const help = await runWire(['--help'], {});
    expect(help.code).toBe(0);
    const listed = new Set([...help.stdout.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]));
    expect(commands.filter((c) => !listed.has(c))).toEqual([]);
  }, 30_000);

  it('lists every `wire sources` subcommand the README names', async () => {
    expect(sourcesSubcommands).toEqual(expect.arrayContaining(['list', 'check', 'discover', 'import', 'export']));
    const help = await runWire(['sources', '--help'], {});
    expect(help.code).toBe(0);
    const listed = new Set([...help.stdout.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]));
    expect(sourcesSubcommands.filter((c) => !listed.has(c))).toEqual([]);
  }, 30_000);
});
