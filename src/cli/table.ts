/** Plain-text table: columns padded to their widest cell; long cells are cut with an ellipsis. */
export function table(headers: string[], rows: (string | number | null)[][], maxWidth = 60): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))].map(
    (r) => r.map((c) => (c.length > maxWidth ? `${c.slice(0, maxWidth - 1)}…` : c)),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function span(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  if (seconds < 129_600) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

/** "3m ago" / "in 5m": times as operators read them in a table. */
export function ago(iso: string | null, now = Date.now()): string | null {
  if (!iso) return null;
  const s = Math.round((now - Date.parse(iso)) / 1000);
  return s >= 0 ? `${span(s)} ago` : `in ${span(-s)}`;
}
