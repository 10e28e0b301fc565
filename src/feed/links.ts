/**
 * URL resolution for feed links: relative references resolve against the nearest xml:base
 * (element, entry, feed, root: each itself resolved against the one outside it) and finally
 * the feed's own URL.
 */

/** `href` resolved against `base`; null when it cannot be a URL. */
export function resolveUrl(href: string | null | undefined, base: string | null): string | null {
  const h = href?.trim();
  if (!h) return null;
  try {
    return base ? new URL(h, base).href : new URL(h).href;
  } catch {
    return null;
  }
}

/** Applies xml:base values from outermost to innermost; an unusable one leaves the base unchanged. */
export function withBase(base: string | null, ...xmlBases: Array<string | null | undefined>): string | null {
  let current = base;
  for (const b of xmlBases) {
    if (!b || !b.trim()) continue;
    current = resolveUrl(b, current) ?? current;
  }
  return current;
}

/** True for absolute http(s) URLs: the only links an article fetcher can follow. */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `href` resolved against `base`, kept only when it is an http(s) URL. */
export function resolveWebUrl(href: string | null | undefined, base: string | null): string | null {
  const url = resolveUrl(href, base);
  return isWebUrl(url) ? url : null;
}
