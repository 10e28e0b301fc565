/**
 * Date normalisation to ISO 8601 with an explicit offset.
 *
 * The publisher's own offset is kept when the page gives one (a Washington story published at
 * 09:00-05:00 stays that way); a time without zone is read as UTC, the common convention of
 * news CMSs that omit it, and a bare date as midnight UTC.
 */

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number, h: number, min: number, s: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d, h, min, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && h < 24 && min < 60 && s < 61;
}

export function toIsoWithOffset(value: string | null | undefined): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  const m = ISO_LIKE.exec(raw);
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
    if (!validDate(+y, +mo, +d, +h, +mi, +s)) return null;
    let offset = '+00:00';
    if (zone && zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
    }
    return `${y}-${mo}-${d}T${pad(+h)}:${pad(+mi)}:${pad(+s)}${offset}`;
  }
  // Anything else (RFC 2822 "Tue, 27 Feb 2024 10:00:00 GMT", epoch milliseconds) goes through Date.
  const ms = /^\d{12,13}$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
