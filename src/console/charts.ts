import type { SourceDay } from '../state/health.js';

/**
 * The console's charts, drawn on the server as SVG (no script, no chart library): they show with JavaScript
 * off, and a screen reader reads the numbers from the label and the table beside each chart.
 */

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const W = 7 * 18 + 4;
const H = 40;
/** The zero line: a day with nothing shows no bar, the line says the chart is there. */
const BASELINE = `<line x1="0" y1="${H - 1.5}" x2="${W}" y2="${H - 1.5}" class="baseline"/>`;

/** Items queued per day over the days given (oldest first): one bar per day. */
export function itemsChart(days: SourceDay[], label: string): string {
  const max = Math.max(1, ...days.map((d) => d.items));
  const bars = days
    .map((d, i) => {
      const h = d.items ? Math.max(Math.round((d.items / max) * (H - 4)), 1) : 0;
      return `<rect x="${2 + i * 18}" y="${H - 2 - h}" width="14" height="${h}" class="bar-items"><title>${esc(d.date)}: ${d.items} items</title></rect>`;
    })
    .join('');
  const summary = `${label}: items per day, ${days.map((d) => `${d.date.slice(5)} ${d.items}`).join(', ')}`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(summary)}">${BASELINE}${bars}</svg>`;
}

/** Poll outcomes per day: answered polls (stacked below) and failed polls (above, in the alarm colour). */
export function pollsChart(days: SourceDay[], label: string): string {
  const max = Math.max(1, ...days.map((d) => d.pollsOk + d.pollsFailed));
  const bars = days
    .map((d, i) => {
      const ok = Math.round((d.pollsOk / max) * (H - 4));
      const failed = Math.round((d.pollsFailed / max) * (H - 4));
      const x = 2 + i * 18;
      const tip = `<title>${esc(d.date)}: ${d.pollsOk} polls answered, ${d.pollsFailed} failed</title>`;
      return (
        `<g>${tip}<rect x="${x}" y="${H - 2 - ok}" width="14" height="${Math.max(ok, d.pollsOk ? 1 : 0)}" class="bar-ok"/>` +
        `<rect x="${x}" y="${H - 2 - ok - failed}" width="14" height="${Math.max(failed, d.pollsFailed ? 1 : 0)}" class="bar-failed"/></g>`
      );
    })
    .join('');
  const summary = `${label}: polls per day (answered/failed), ${days.map((d) => `${d.date.slice(5)} ${d.pollsOk}/${d.pollsFailed}`).join(', ')}`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(summary)}">${BASELINE}${bars}</svg>`;
}
