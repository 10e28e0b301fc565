import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared feed corpus, read in place (never copied into the repo): `../shared/corpus/feeds`
 * relative to the repository root. Machines without it skip the corpus tests and say so.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const FEED_CORPUS = resolve(repoRoot, '../shared/corpus/feeds');
export const HAVE_FEED_CORPUS = existsSync(FEED_CORPUS);
export const NO_CORPUS_MESSAGE = `feed corpus not found at ${FEED_CORPUS}: corpus tests skipped`;

/** The shared agency corpus (NewsML-G2, NewsML 1.2, NITF, ninjs, agency APIs, news sitemaps, schemas), read in place. */
export const AGENCY_CORPUS = resolve(repoRoot, '../shared/corpus/agency');
export const HAVE_AGENCY_CORPUS = existsSync(AGENCY_CORPUS);
export const NO_AGENCY_CORPUS_MESSAGE = `agency corpus not found at ${AGENCY_CORPUS}: agency corpus tests skipped`;
