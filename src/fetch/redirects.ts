import type { Redirect } from './types.js';

const PERMANENT = new Set([301, 308]);

/**
 * The URL a configured feed has permanently moved to, or null. Only the leading run of
 * 301/308 hops counts: once a temporary redirect appears, what follows is not a move of the
 * URL the operator configured (301 A->B, 302 B->C means "use B", not C).
 */
export function permanentRedirectTarget(redirects: readonly Redirect[]): string | null {
  let target: string | null = null;
  for (const hop of redirects) {
    if (!PERMANENT.has(hop.status)) break;
    target = hop.to;
  }
  return target;
}
