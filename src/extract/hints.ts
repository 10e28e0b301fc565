/**
 * What class names, ids and roles say about a block. Publishers' templates name their parts
 * ("article-body", "share-bar", "related-stories"); these lists hold the words used across
 * many sites, never one site's names.
 */
import { attr, type Element } from './dom.js';

/** class + id of an element, camelCase split and lower-cased: "shareBar" -> "share-bar". */
export function hintString(el: Element): string {
  const raw = `${attr(el, 'class')} ${attr(el, 'id')} ${attr(el, 'data-testid')} ${attr(el, 'data-component')}`;
  if (raw.length <= 3) return '';
  return raw.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

// Word starts are anchored (start or separator); ends are left open where compounds are common
// ("sharebar", "newsletters"). Short words that hide inside longer ones ("ad" in "header") are
// matched as whole tokens only.
const T = '(?:^|[\\s_-])';
const E = '(?:$|[\\s_-])';

/** Blocks that are never article text. */
export const NEGATIVE = new RegExp(
  [
    `${T}(?:share|sharing|social|sociallinks|sharebar|sharetools)`,
    `${T}(?:related|recommend|recirc|more-?(?:stories|articles|news|from|on)|read-?(?:more|next|also)|also-?read|see-?also|up-?next|whats-?next|next-?up|most-?(?:read|popular|viewed)|trending|popular|latest-?news|top-?stories|in-?case-?you)`,
    `${T}(?:newsletter|news-letter|subscri|signup|sign-up|registration|donat|promo|marketing|cta${E}|abo${E}|abo-?(?:box|werbung|teaser|promo))`,
    `${T}(?:disclaimer|disclosure|flyout|crumbs?${E}|site-?(?:description|title|branding|tagline)|(?:next|prev|previous)-?(?:story|post|article)s?${E}|contact-?(?:box|info|person|card)|press-?(?:officer|contact)|teasers${E}|teaser-?(?:list|news|section|box)|recommand)`,
    `${T}(?:ad|ads|adv|advert|advertisement|advertising|adslot|ad-slot|adunit|ad-unit|dfp|gpt|sponsor|sponsored|commercial|outbrain|taboola|zergnet|revcontent|native-?ad|werbung|anzeige)${E}`,
    `${T}(?:advert|adslot|adunit|adwrapper|adcontainer|dfp-|gpt-)`,
    `${T}(?:comment|comments|disqus|respond|reply|replies|discussion)(?:$|[\\s_-]|s${E}|-?(?:list|section|area|count|form|wrap|container)${E})`,
    `${T}(?:breadcrumb|nav${E}|navbar|navigation|menu|masthead|site-?header|site-?footer|footer|sidebar|side-?bar|rail${E}|right-?rail|left-?rail|widget|toolbar|tool-?bar)`,
    `${T}(?:byline|author${E}|author-?(?:bio|info|box|card|details|description)|about-?(?:the-?)?author|bio${E}|contributor|dateline-?bar|(?:article|post|entry)[-_]*meta${E}|meta-?data|timestamp|published-?date|updated-?date)`,
    `${T}(?:tags${E}|tag-?list|topics${E}|keywords|categories${E})`,
    `${T}(?:popup|modal|overlay|lightbox|cookie|consent|gdpr|cmp${E}|banner${E}|notification|alert-?bar|skip|jump-?link|print${E}|pagination|pager)`,
    `${T}(?:twitter-?(?:tweet|timeline|embed)|instagram-?media|tiktok-?embed|fb-?(?:post|video)|reddit-?embed|social-?embed|embed-?(?:twitter|instagram|tiktok|facebook|youtube|social))`,
    `${T}(?:video-?player|player${E}|playlist|podcast-?player|audio-?player|embed-?(?:code|container))`,
  ].join('|'),
);

/** Image credits: never running text, inline or not. */
export const CREDIT = new RegExp(
  `${T}(?:credits?|image-?credit|photo-?credit|copyright)${E}|${T}(?:image|photo|picture)-?(?:credit|source|copyright)`,
);

export function isCredit(el: Element): boolean {
  const hints = hintString(el);
  return hints !== '' && CREDIT.test(hints);
}

/** Image captions, wherever a template puts them. */
export const CAPTION = new RegExp(
  `${T}(?:caption|figcaption|wp-caption-text|(?:image|img|photo|media)[-_]?(?:desc|subtitle|legend))`,
);

export function isCaption(el: Element): boolean {
  if (el.name === 'figcaption') return true;
  const hints = hintString(el);
  return hints !== '' && CAPTION.test(hints);
}

/** Containers that hold article text. */
export const POSITIVE = new RegExp(
  [
    `${T}(?:article|story|entry|post|blog|news)-?(?:body|content|text|copy|main)`,
    `${T}(?:body|main|page|rich|prose)-?(?:text|content|copy)`,
    `${T}(?:articlebody|storybody|entry-?content|post-?content|content-?body|text-?body|body-?copy)`,
    `${T}(?:article|story|content|entry|hentry|h-entry|prose|post)${E}`,
  ].join('|'),
);

const NEGATIVE_ROLES = new Set([
  'navigation',
  'complementary',
  'banner',
  'contentinfo',
  'search',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'toolbar',
  'button',
  'tablist',
  'form',
  'alert',
  'status',
  'marquee',
  'timer',
]);

export function hasNegativeRole(el: Element): boolean {
  const role = el.attribs['role'];
  return role !== undefined && NEGATIVE_ROLES.has(role.toLowerCase());
}

export function isNegative(el: Element): boolean {
  const hints = hintString(el);
  return hints !== '' && NEGATIVE.test(hints);
}

export function isPositive(el: Element): boolean {
  const hints = hintString(el);
  return (hints !== '' && POSITIVE.test(hints)) || /articlebody|text/i.test(attr(el, 'itemprop'));
}
