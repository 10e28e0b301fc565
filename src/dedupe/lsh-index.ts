/**
 * In-memory LSH index (pure): the lookup the Redis store will mirror (one set per band key). A lookup reads
 * LSH_BANDS buckets and compares only the candidates found there, so its cost does not grow with the number of
 * stored items (only with the number of near-duplicates of the new item). `bruteForce` is the baseline.
 */
import { bandKeys } from './minhash.js';
import { compare, normalizeUrl, type Comparison, type DedupeKey } from './match.js';

export interface Stored<T> {
  id: T;
  key: DedupeKey;
}

export interface Match<T> extends Comparison {
  id: T;
}

export class LshIndex<T> {
  private readonly buckets = new Map<string, Stored<T>[]>();
  private readonly byUrlOrAgency = new Map<string, Stored<T>[]>();
  size = 0;

  add(id: T, key: DedupeKey): void {
    const entry = { id, key };
    for (const k of exactKeys(key)) push(this.byUrlOrAgency, k, entry);
    for (const b of bandKeys(key.signature)) push(this.buckets, b, entry);
    this.size++;
  }

  /** The best matching stored item (highest similarity among the same story), with the number of candidates compared. */
  lookup(key: DedupeKey): { match?: Match<T>; compared: number } {
    const seen = new Set<Stored<T>>();
    for (const k of exactKeys(key)) for (const e of this.byUrlOrAgency.get(k) ?? []) seen.add(e);
    for (const b of bandKeys(key.signature)) for (const e of this.buckets.get(b) ?? []) seen.add(e);
    return best(key, seen);
  }
}

export function bruteForce<T>(stored: Iterable<Stored<T>>, key: DedupeKey): { match?: Match<T>; compared: number } {
  return best(key, stored);
}

function best<T>(key: DedupeKey, candidates: Iterable<Stored<T>>): { match?: Match<T>; compared: number } {
  let match: Match<T> | undefined;
  let compared = 0;
  for (const e of candidates) {
    compared++;
    const c = compare(key, e.key);
    if (c.same && (!match || c.similarity > match.similarity)) match = { ...c, id: e.id };
  }
  return { match, compared };
}

function exactKeys(key: DedupeKey): string[] {
  const out: string[] = [];
  const url = key.canonicalUrl ? normalizeUrl(key.canonicalUrl) : undefined;
  if (url) out.push(`url:${url}`);
  if (key.agencyId) out.push(`agency:${key.agencyId}`);
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
