/**
 * Feed dates -> ISO 8601 (UTC), or null.
 *
 * Written out rather than left to `Date.parse` because V8's fallback parser reads a date
 * without a zone as local time (so the result would depend on the machine) and accepts
 * nonsense like "2024" or "1". What feeds really send: RFC 822 and its sloppy variants in RSS
 * (missing weekday, wrong weekday, one-digit day, two-digit year, no seconds, zone names,
 * "+0000 (UTC)"), ISO 8601 / RFC 3339 in Atom, JSON Feed and dc:date (with or without
 * separators, fraction, zone), and now and then JavaScript's own `Date#toString` output.
 */

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Zone abbreviations seen in feeds, in minutes east of UTC. Unknown names are read as UTC. */
const ZONES: Record<string, number> = {
  GMT: 0,
  UT: 0,
  UTC: 0,
  Z: 0,
  WET: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.toUpperCase();
  const num = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (num) {
    const minutes = Number(num[2]) * 60 + Number(num[3] ?? 0);
    if (Number(num[2]) > 14 || Number(num[3] ?? 0) > 59) return null;
    return num[1] === '-' ? -minutes : minutes;
  }
  return ZONES[z] ?? 0;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  offset: number | null,
): string | null {
  if (offset === null) return null;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute > 0 || second > 0)) return null;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms) - offset * 60_000;
  const check = new Date(Date.UTC(year, month, day));
  // Date.UTC rolls 31 April over to 1 May; a feed that says 31 April has a bad date, not a May one.
  if (check.getUTCMonth() !== month) return null;
  if (!Number.isFinite(utc) || year < 1900 || year > 2200) return null;
  return new Date(utc).toISOString();
}

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

const RFC822 =
  /^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,})\.?,?[\s-]+(\d{2,4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([A-Za-z]{1,5}|[+-]\d{1,2}:?\d{2})?(?:\s*\(.*\))?$/;

/** "Mon Jan 02 2006 15:04:05 GMT+0100 (Central European Time)" and "Mon Jan 2 15:04:05 2006" (asctime). */
const JS_TOSTRING =
  /^[A-Za-z]{3},?\s+([A-Za-z]{3})\s+(\d{1,2})\s+(?:(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})|(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4}))(?:\s+(?:GMT|UTC)?([+-]\d{2}:?\d{2})?)?(?:\s*\(.*\))?$/;

function twoDigitYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  if (y.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  return NaN;
}

/** Parses a feed date; null when absent or unreadable (the item still flows, undated). */
export function parseFeedDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s) return null;

  let m = ISO.exec(s);
  if (m) {
    return build(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      m[7],
      offsetMinutes(m[8]),
    );
  }

  m = RFC822.exec(s);
  if (m) {
    const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
    if (month === undefined) return null;
    return build(
      twoDigitYear(m[3]),
      month,
      Number(m[1]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      m[7],
      offsetMinutes(m[8]),
    );
  }

  m = JS_TOSTRING.exec(s);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    if (month === undefined) return null;
    const year = Number(m[3] ?? m[10]);
    const [h, mi, se] = m[3] ? [m[4], m[5], m[6]] : [m[7], m[8], m[9]];
    return build(year, month, Number(m[2]), Number(h), Number(mi), Number(se), undefined, offsetMinutes(m[11]));
  }
  return null;
}

/** The first readable date among candidates (e.g. pubDate, then dc:date). */
export function firstDate(candidates: Array<string | null | undefined>): string | null {
  for (const c of candidates) {
    const d = parseFeedDate(c);
    if (d) return d;
  }
  return null;
}
