import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Our own small agency documents (tests/fixtures/agency, see its README), modelled on the structure of the
 * samples in ../shared/corpus/agency with original text: the lifecycle tests read these, so they run on a
 * fresh clone. The corpus-wide tests still read the shared samples in place.
 */
export const AGENCY_FIXTURES = fileURLToPath(new URL('../fixtures/agency/', import.meta.url));

/** The bytes of one fixture, by file name. */
export function agencyFixture(name: string): Buffer {
  return readFileSync(new URL(name, new URL('../fixtures/agency/', import.meta.url)));
}
