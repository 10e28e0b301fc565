/** URL helpers shared by extraction and later stages (dedup keys, source links). */

/**
 * Query parameters that only track where a click came from. Removing them gives one URL per
 * story, whatever newsletter, share button or ad campaign led to it.
 */
const TRACKING_EXACT = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'rb_clickid',
  's_cid',
  'cmpid',
  'ocid',
  'icid',
  'ncid',
  'sr_share',
  'smid',
  'ref_src',
  'ref_url',
  'spm',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'xtor',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'at_', 'ga_'];

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_EXACT.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * The URL with tracking parameters and the fragment removed, host lower-cased (by URL), other
 * parameters kept in their order. Returns the input unchanged when it is not an absolute URL.
 */
export function canonicalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url;
  }
  parsed.hash = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParam(name));
  parsed.search = '';
  for (const [name, value] of kept) parsed.searchParams.append(name, value);
  return parsed.toString();
}

/** `ref` resolved against `base`; null for empty, unparsable or non-http(s) results. */
export function absoluteUrl(ref: string | null | undefined, base: string): string | null {
  const value = ref?.trim();
  if (!value) return null;
  try {
    const resolved = new URL(value, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}
