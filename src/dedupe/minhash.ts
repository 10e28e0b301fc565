/**
 * Body shingles and MinHash signatures (pure, no I/O). See README.md in this folder for the choices.
 *
 * Text is normalised (NFKC, lower case, words = runs of Unicode letters and digits, any script), cut into
 * overlapping word k-grams ("shingles"), each hashed to 32 bits (FNV-1a over the UTF-16 code units). The
 * signature keeps, for each of NUM_HASHES seeded hash functions, the minimum over the shingles; the share of
 * equal positions in two signatures estimates the Jaccard similarity of their shingle sets.
 */

/** Words per shingle. 5 keeps shared phrases ("the prime minister said on") from making different reports alike. */
export const SHINGLE_WORDS = 5;
/** Hash functions per signature (standard error of the estimate about 0.5/sqrt(128) = 0.044 at J = 0.5). */
export const NUM_HASHES = 128;
/** LSH: bands x rows = NUM_HASHES. A pair shares a bucket with probability 1 - (1 - J^ROWS)^BANDS. */
export const LSH_BANDS = 64;
export const LSH_ROWS = 2;

export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []
  );
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a good avalanche, so `fmix32(x ^ seed)` behaves as an independent hash per seed. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS: Uint32Array = (() => {
  // Fixed seeds (splitmix-like sequence): signatures must be comparable across processes and restarts.
  const out = new Uint32Array(NUM_HASHES);
  let s = 0x9e3779b9;
  for (let i = 0; i < NUM_HASHES; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
})();

/** Distinct shingle hashes of a text. Texts shorter than one shingle give one shingle of all their words. */
export function shingles(text: string, k = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < k) {
    out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv1a(w.slice(i, i + k).join(' ')));
  return out;
}

/** MinHash signature of a shingle set (all 0xffffffff for an empty set, which matches nothing: see similarity). */
export function signature(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = fmix32(x ^ SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

export function textSignature(text: string): { signature: Uint32Array; shingleCount: number } {
  const set = shingles(text);
  return { signature: signature(set), shingleCount: set.size };
}

/** Estimated Jaccard similarity: share of equal positions. Empty signatures are similar to nothing. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error('signatures of different lengths');
  let same = 0;
  let empty = true;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== 0xffffffff) empty = false;
    if (a[i] === b[i]) same++;
  }
  return empty ? 0 : same / a.length;
}

/** LSH band keys ("band index:hash of its rows"), one per band; two signatures sharing any key are candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32((h ^ sig[b * LSH_ROWS + r]) >>> 0);
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}

/** Signature as a compact string (base64 of little-endian uint32s) for storage, and back. */
export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}
export function decodeSignature(s: string): Uint32Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.length !== NUM_HASHES * 4) throw new Error('bad signature length');
  const out = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
