/**
 * Ordering agency versions. Agencies write versions as opaque strings (G2 `@version`, NewsML `RevisionId`,
 * ninjs `version`; Reuters' are huge numbers such as 1542761538).
 */
import type { AgencyVersion } from '../state/items.js';

export type { AgencyVersion };

/**
 * A flash or bulletin (agency urgency 1 or 2) goes to the front of the article and publish queues, so it is
 * not stuck behind a backlog of routine copy. BullMQ serves its wait list before any prioritized job, so
 * this is done by adding the job at the front (LIFO), not with a BullMQ priority.
 */
export function jumpsTheQueue(urgency: number | null | undefined): boolean {
  return urgency != null && urgency >= 1 && urgency <= 2;
}

const WHOLE_NUMBER = /^\d+$/;

/**
 * Orders two agency versions: 1 when `a` is newer than `b`, 0 when they are the same version, -1 when `a` is
 * older, null when nothing tells (then the content decides, as for a feed). Whole numbers compare as numbers
 * (of any size); other equal strings are the same version; otherwise the later version time is newer.
 */
export function compareAgencyVersions(a: AgencyVersion, b: AgencyVersion): 1 | 0 | -1 | null {
  if (a.version !== null && b.version !== null) {
    if (WHOLE_NUMBER.test(a.version) && WHOLE_NUMBER.test(b.version)) {
      const x = BigInt(a.version);
      const y = BigInt(b.version);
      return x > y ? 1 : x < y ? -1 : 0;
    }
    if (a.version === b.version) return 0;
  }
  const ta = a.updatedAt ? Date.parse(a.updatedAt) : NaN;
  const tb = b.updatedAt ? Date.parse(b.updatedAt) : NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return ta > tb ? 1 : ta < tb ? -1 : null;
}

/** Whether `incoming` must be ignored: it is the version already published, or an older one (out of order). */
export function isStaleVersion(incoming: AgencyVersion | null, current: AgencyVersion | null | undefined): boolean {
  if (!incoming || !current) return false;
  const order = compareAgencyVersions(incoming, current);
  return order !== null && order <= 0;
}

/** Whether `incoming` is newer than what is recorded (so the record moves on even when the content is the same). */
export function isNewerVersion(incoming: AgencyVersion | null, current: AgencyVersion | null | undefined): boolean {
  if (!incoming) return false;
  if (!current) return true;
  return compareAgencyVersions(incoming, current) === 1;
}
