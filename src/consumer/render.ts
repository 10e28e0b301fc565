import type { WireItem } from '../item/schema.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A Media Wire article as a site would show it: headline, byline and time, body, then at the bottom the
 * section label, the disclaimer and the source's name and URL (and, with same-story grouping, the other
 * sources that reported it). The body HTML is the item's already-sanitised html. The example consumer's page
 * and the console's preview both show this element.
 */
export function renderArticle(item: WireItem): string {
  const when = item.publishedAt
    ? `<time datetime="${escapeHtml(item.publishedAt)}">${escapeHtml(item.publishedAt)}</time>`
    : '';
  const byline = item.byline ? `<p class="byline">${escapeHtml(item.byline)}</p>` : '';
  // Same-story grouping (dedupe): the other copies of the story, as links to the originals.
  const also = item.alsoReportedBy?.length
    ? `\n<p class="also-reported-by">Also reported by: ${item.alsoReportedBy
        .map((m) => `<a href="${escapeHtml(m.url)}">${escapeHtml(m.sourceName)}</a>`)
        .join(', ')}</p>`
    : '';
  const group = item.storyGroup ? ` data-story-group="${escapeHtml(item.storyGroup)}"` : '';
  return `<article data-item-id="${item.id}" data-version="${item.version}"${group}>
<h1>${escapeHtml(item.headline)}</h1>
${byline}${when}
<div class="body">
${item.body.html}
</div>
<footer class="media-wire">
<p class="section">${escapeHtml(item.section)}</p>
<p class="disclaimer">${escapeHtml(item.attribution.disclaimer)}</p>
<p class="source">Source: ${escapeHtml(item.source.name)} — <a href="${escapeHtml(item.source.url)}">${escapeHtml(item.source.url)}</a></p>${also}
</footer>
</article>`;
}

/** The example consumer's article page: the article (renderArticle) in a page of its own. */
export function renderArticlePage(item: WireItem): string {
  return `<!doctype html>
<html lang="${escapeHtml(item.language ?? 'en')}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(item.headline)} | ${escapeHtml(item.section)}</title>
<link rel="canonical" href="${escapeHtml(item.source.url)}">
</head>
<body>
${renderArticle(item)}
</body>
</html>
`;
}
