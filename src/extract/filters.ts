/**
 * Block-level clean-up after the container is read: the headline (metadata, not body),
 * one-line labels ("Advertisement", "Read more"), link-only lines, and the short
 * bylines/kickers/share labels that sit before the first or after the last paragraph.
 * Blocks are only ever dropped here, never changed.
 */
import type { Block } from './blocks.js';
import { GOOD_UNIT_CHARS } from './stats.js';
import { cutAtStoryEnd, isDateAlone, isPromoHeading } from './boundary.js';
import { isAddOnLine } from './addons.js';

/** Whole-line labels that templates put between or around paragraphs, in several languages. */
const LABEL =
  /^(?:advertisement|advertisment|annonce|anzeige|publicidad|publicité|pubblicità|реклама|إعلان|sponsored(?: content)?|promoted|story continues(?: below)?(?: advertisement)?|article continues(?: below)?(?: advertisement)?|continue reading(?: below| the main story)?|read more|read next|see also|more on this story|related(?: articles?| stories| coverage| content)?|recommended|share(?: this)?(?: article| story)?|copy link|link copied|print|email|comments?|\d+ comments?|listen(?: to this article)?|(?:\d+ )?min(?:ute)? read|skip (?:to )?(?:next|advertisement|ad))\s*[:.…]?$/i;

/** Prompts to act rather than text to read. */
const PROMPT =
  /^(?:sign up|subscribe|register|log in|already a (?:subscriber|member)|(?:click|tap) (?:here|to)|download (?:our|the) app|follow us|get (?:our|the) [\w\s]{0,40}newsletter|(?:read|watch|listen)(?: more)?:)/i;

const SENTENCE_END = /[.!?"”’)…。．！？؟۔]$/;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** A clock time or a written-out date: what dateline bars are made of. */
const DATE_OR_TIME = new RegExp(
  `\\b\\d{1,2}[:.]\\d{2}\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)?|\\b${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\b\\d{1,2}\\s+${MONTH}\\s+\\d{4}`,
  'i',
);
const META_START =
  /^(?:published|updated|posted|last (?:updated|modified)|first published|pubblicato|aggiornato|publié|mis à jour|publicado|actualizado|veröffentlicht|aktualisiert|zuletzt aktualisiert|opublikowano|gepubliceerd|bijgewerkt)\b/i;
const BYLINE = /^(?:by|von|par|por|di|door|av|przez)\s/i;

/** "Published March 1, 2024 8:05am | Updated ...", "By Jane Doe": article furniture, not text. */
function isMetaLine(b: Block): boolean {
  if (b.chars > 160) return false;
  const sentence = /[.!?]$/.test(b.text);
  // "By Monday evening, the water had receded." is a sentence, not a byline.
  if (BYLINE.test(b.text)) return b.chars < 80 && !sentence;
  return META_START.test(b.text) || (DATE_OR_TIME.test(b.text) && !sentence && b.chars < 100);
}

function isGood(b: Block): boolean {
  return (
    b.kind !== 'heading' &&
    b.kind !== 'image' &&
    b.kind !== 'caption' &&
    b.chars - b.linkChars >= GOOD_UNIT_CHARS &&
    b.linkChars / b.chars < 0.4 &&
    !isMetaLine(b)
  );
}

/** The block right under the headline, when it reads as a dek rather than a byline or kicker. */
function isDek(b: Block | undefined): boolean {
  if (!b || (b.kind !== 'p' && b.kind !== 'heading')) return false;
  return b.chars >= 30 && b.chars <= 400 && b.linkChars < 0.1 * b.chars && !isMetaLine(b);
}

/** Site-wide legal lines that templates append to every story. */
const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b/i;

/**
 * Markup shown as text: a tag a page printed instead of rendering (a <noscript> tracking pixel
 * mangled when the page was saved, an embed code). A story about HTML quotes markup in <code> or
 * <pre>; those blocks stay.
 */
const MARKUP_AS_TEXT =
  /<\/?(?:a|amp-img|article|aside|blockquote|br|div|figure|iframe|img|input|li|link|meta|noscript|ol|p|picture|script|section|source|span|style|table|td|tr|ul|video)(?:\s[^<>]*)?\/?>/i;
/** CMS shortcodes left in the text: "[/cta", "[box_colored title=...]", "[b]...[/b]" residue. */
const SHORTCODE = /\[\/[a-z_][\w-]*\]?|\[[a-z_][\w-]*\s+[\w-]+=["“”'″]/i;

function isMarkupAsText(b: Block): boolean {
  if (b.element.name === 'pre' || b.element.name === 'code' || b.html.includes('<code>')) return false;
  return MARKUP_AS_TEXT.test(b.text) || (b.chars < 200 && SHORTCODE.test(b.text));
}

function isJunkLine(b: Block): boolean {
  if (b.kind === 'image') return false;
  if (isMarkupAsText(b)) return true;
  if (b.chars < 200 && COPYRIGHT.test(b.text)) return true;
  if (isAddOnLine(b)) return true;
  if (b.chars < 120 && (LABEL.test(b.text) || (PROMPT.test(b.text) && b.chars < 100))) return true;
  // A line that is all link: "Read more: <story>", a topic tag, a "next article" teaser. One
  // ending in a colon introduces what follows ("From the Standard:") and stays.
  return b.chars > 0 && b.linkChars / b.chars > 0.7 && b.chars < 200 && !b.text.endsWith(':');
}

export function filterBlocks(
  all: Block[],
  title: string | null,
  isStandfirst: (text: string) => boolean = () => false,
): Block[] {
  const blocks = cutAtStoryEnd(all);
  const normTitle = title?.toLowerCase();
  const h1 = blocks.findIndex((b) => b.element.name === 'h1');
  const dek = h1 >= 0 && isDek(blocks[h1 + 1]) ? blocks[h1 + 1] : null;
  if (dek) dek.kind = 'p';
  let kept = blocks.filter((b) => {
    if (b.element.name === 'h1') return false;
    if (normTitle && b.text.toLowerCase() === normTitle) return false;
    // Separators ("___", "* * *") are layout, not text.
    if (b.kind !== 'image' && !/[\p{L}\p{N}]/u.test(b.text)) return false;
    // A date alone on its line is page furniture (a dateline, a teaser's date), not text.
    if ((b.kind === 'p' || b.kind === 'li') && isDateAlone(b.text)) return false;
    return !isJunkLine(b);
  });
  kept = withoutRepeats(withoutPromoHeadings(kept));

  // Before the first paragraph: kickers, bylines, dates, share labels, subheadings without a
  // text yet. A short sentence (a one-line lede) stays, and so do the dek and the standfirst.
  const first = kept.findIndex(isGood);
  if (first < 0) return kept;
  kept = kept.filter(
    (b, i) =>
      i >= first ||
      b === dek ||
      !isText(b) ||
      (b.kind === 'p' && isStandfirst(b.text)) ||
      (b.kind !== 'heading' && !isFragment(b) && !isMetaLine(b)),
  );

  // After the last paragraph, trim backwards while the end looks like template fragments
  // ("Topics", a lone name, a date, a share label); stop at the first line that reads as text:
  // a sentence, a longer line, or one more entry of a list the article was running. Images and
  // captions (html only) are stepped over and kept.
  const dropped = new Set<Block>();
  for (let i = kept.length - 1; i >= 0; i--) {
    const b = kept[i];
    if (!isText(b)) continue;
    if (isGood(b) || (!isFragment(b) && b.kind !== 'heading') || continuesRun(kept, i)) break;
    dropped.add(b);
  }
  return dropped.size ? kept.filter((b) => !dropped.has(b)) : kept;
}

/**
 * A heading that announces other content ("Current Issue", "Related") wherever it sits, with the
 * images right after it (a magazine cover, teaser thumbnails): they belong to the promo, not the story.
 */
function withoutPromoHeadings(blocks: Block[]): Block[] {
  const dropped = new Set<Block>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!isPromoHeading(b)) continue;
    dropped.add(b);
    for (let j = i + 1; j < blocks.length && (blocks[j].kind === 'image' || blocks[j].kind === 'caption'); j++)
      dropped.add(blocks[j]);
  }
  return dropped.size ? blocks.filter((b) => !dropped.has(b)) : blocks;
}

/**
 * The same image twice (a hero repeated by a lazy-loading template) and the same caption twice
 * (a figure's caption and its credit line rendered alike) show once.
 */
function withoutRepeats(blocks: Block[]): Block[] {
  const images = new Set<string>();
  let lastCaption: Block | null = null;
  return blocks.filter((b) => {
    if (b.kind === 'image') {
      if (b.src && images.has(b.src)) return false;
      if (b.src) images.add(b.src);
      return true;
    }
    if (b.kind !== 'caption') {
      lastCaption = null;
      return true;
    }
    const repeat = lastCaption !== null && lastCaption.text === b.text && lastCaption.figure === b.figure;
    lastCaption = b;
    return !repeat;
  });
}

/** Blocks that carry running text (images and captions only reach the html). */
function isText(b: Block): boolean {
  return b.kind !== 'image' && b.kind !== 'caption';
}

/** A template fragment rather than text: mostly link, or a short line that is not a sentence. */
function isFragment(b: Block): boolean {
  if (b.chars === 0 || b.linkChars / b.chars >= 0.4) return true;
  return b.chars < 40 && !SENTENCE_END.test(b.text);
}

/**
 * The block is one more short unlinked entry after another of the same shape (same tag, same
 * parent): a list the article was running ("Best New Artist / Mahalia / Olivia Dean"), not a
 * template fragment.
 */
function continuesRun(blocks: Block[], i: number): boolean {
  const b = blocks[i];
  let j = i - 1;
  while (j >= 0 && !isText(blocks[j])) j--;
  const prev = blocks[j];
  if (!prev || b.kind === 'heading' || prev.kind !== b.kind) return false;
  const unlinked = (x: Block) => x.linkChars < 0.3 * Math.max(1, x.chars);
  if (!unlinked(b) || !unlinked(prev) || isJunkLine(b) || isMetaLine(b)) return false;
  return prev.element.name === b.element.name && prev.element.parent === b.element.parent;
}
