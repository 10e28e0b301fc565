/**
 * Bodies from the feed item itself (RSS content:encoded, Atom content, JSON Feed content_html),
 * for sources configured to use it and as the fallback when the page yields no article. The
 * feed's HTML is already the article, so it is read block by block with no container scoring.
 */
import { parseHtml, type Element } from './dom.js';
import { removeNonContent } from './boilerplate.js';
import { collectBlocks, type Block } from './blocks.js';
import { filterBlocks } from './filters.js';

export function feedBlocks(feedHtml: string, base: string, title: string | null): Block[] {
  const $ = parseHtml(feedHtml);
  const root = $.root()[0] as unknown as Element;
  removeNonContent(root);
  return filterBlocks(collectBlocks(root, base), title);
}
