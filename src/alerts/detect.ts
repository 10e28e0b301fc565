/**
 * Source alerts (issue 15): when a source goes wrong, said once when it starts and once when it clears.
 * Pure: the facts of a source and the alerts already open in, the alerts open now and the changes out.
 */

export const ALERT_KINDS = ['quiet', 'failing', 'degrading', 'moved'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertOptions {
  /** Quiet: never alert before this long without a new entry, whatever the source's normal gap. */
  quietFloorMs: number;
  /** Quiet: the gap without a new entry, as a multiple of the source's normal gap, that is "much longer". */
  quietFactor: number;
  /** Failing: consecutive failed polls. */
  failingAfter: number;
  /** Degrading: the recent window (articles) and the share of bad ones in it that raises the alert... */
  degradedWindow: number;
  degradedShare: number;
  /** ...when it is also this much above the share in the articles before the window (the source's normal). */
  degradedRise: number;
}

export const DEFAULT_ALERT_OPTIONS: AlertOptions = {
  quietFloorMs: 6 * 3600_000,
  quietFactor: 4,
  failingAfter: 5,
  degradedWindow: 20,
  degradedShare: 0.5,
  degradedRise: 0.3,
};

/** What is known about a source, as kept in its health record. */
export interface SourceFacts {
  /** When polls found new entries, oldest first (the recent ones: the history the normal gap is learned from). */
  newEntryTimes: readonly number[];
  /** When the source was first seen working (quiet counts from here until it delivers anything). */
  firstSuccessAt: number | null;
  consecutiveFailures: number;
  /** The last failure's message, for the alert text. */
  lastError: string | null;
  /** Recent article outcomes, oldest first: page (extracted), feed (body taken from the feed), refused (no article). */
  articles: readonly ('page' | 'feed' | 'refused')[];
  /** The URL a permanent redirect pointed to at the last poll, else null. */
  movedTo: string | null;
}

export interface OpenAlert {
  kind: AlertKind;
  /** When it started (ms). */
  since: number;
  message: string;
}

export interface AlertChange {
  kind: AlertKind;
  change: 'raised' | 'cleared';
  message: string;
}

/** The typical gap between new entries: the median of the recent gaps; null before three gaps are known. */
export function normalGap(times: readonly number[]): number | null {
  if (times.length < 4) return null;
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

function hours(ms: number): string {
  const h = ms / 3600_000;
  return h >= 1 ? `${Math.round(h * 10) / 10} h` : `${Math.round(ms / 60_000)} min`;
}

/** Which alerts hold now, each with its message. */
export function currentAlerts(
  facts: SourceFacts,
  now: number,
  opts: AlertOptions = DEFAULT_ALERT_OPTIONS,
): Map<AlertKind, string> {
  const out = new Map<AlertKind, string>();
  const last = facts.newEntryTimes.at(-1) ?? facts.firstSuccessAt;
  if (last !== null && last !== undefined) {
    const gap = normalGap(facts.newEntryTimes);
    const limit = Math.max(opts.quietFloorMs, gap === null ? 0 : gap * opts.quietFactor);
    const silent = now - last;
    if (silent > limit) {
      out.set(
        'quiet',
        `no new entry for ${hours(silent)} (normal gap ${gap === null ? 'not learned yet' : hours(gap)}; alert after ${hours(limit)})`,
      );
    }
  }
  if (facts.consecutiveFailures >= opts.failingAfter) {
    out.set(
      'failing',
      `${facts.consecutiveFailures} consecutive failed polls${facts.lastError ? ` (last: ${facts.lastError})` : ''}`,
    );
  }
  const recent = facts.articles.slice(-opts.degradedWindow);
  const before = facts.articles.slice(0, -opts.degradedWindow);
  if (recent.length >= opts.degradedWindow) {
    const bad = (xs: readonly string[]) => (xs.length ? xs.filter((x) => x !== 'page').length / xs.length : 0);
    const now_ = bad(recent);
    const normal = bad(before);
    if (now_ >= opts.degradedShare && now_ - normal >= opts.degradedRise) {
      out.set(
        'degrading',
        `${Math.round(now_ * 100)}% of the last ${recent.length} articles refused or taken from the feed (before: ${Math.round(normal * 100)}%): has the site changed?`,
      );
    }
  }
  if (facts.movedTo) out.set('moved', `the feed moved permanently to ${facts.movedTo}: update its URL`);
  return out;
}

/**
 * The alerts open after this evaluation, and what changed: an alert is raised when it starts to hold and
 * cleared when it stops, never repeated while it lasts.
 */
export function updateAlerts(
  open: readonly OpenAlert[],
  facts: SourceFacts,
  now: number,
  opts: AlertOptions = DEFAULT_ALERT_OPTIONS,
): { open: OpenAlert[]; changes: AlertChange[] } {
  const current = currentAlerts(facts, now, opts);
  const changes: AlertChange[] = [];
  const next: OpenAlert[] = [];
  for (const a of open) {
    if (current.has(a.kind)) next.push(a);
    else
      changes.push({
        kind: a.kind,
        change: 'cleared',
        message: `${a.kind} cleared (open since ${new Date(a.since).toISOString()})`,
      });
  }
  for (const [kind, message] of current) {
    if (open.some((a) => a.kind === kind)) continue;
    next.push({ kind, since: now, message });
    changes.push({ kind, change: 'raised', message });
  }
  return { open: next, changes };
}
