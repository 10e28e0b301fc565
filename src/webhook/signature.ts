import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe-style: HMAC-SHA256 over `${timestamp}.${body}` with a shared secret.
 * Signing the timestamp with the body stops a captured request being replayed later with a fresh
 * timestamp; the receiver rejects timestamps outside its tolerance.
 */
export const SIGNATURE_HEADER = 'X-Wire-Signature';
export const TIMESTAMP_HEADER = 'X-Wire-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(body: string, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** Value of the X-Wire-Signature header: `t=<unix seconds>,v1=<hex>`. */
export function signPayload(body: string, secret: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new Error(`timestamp must be whole unix seconds (got ${timestamp})`);
  return `t=${timestamp},v1=${hmacHex(body, secret, timestamp)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Largest accepted distance between the signed timestamp and now, either way. */
  toleranceSeconds?: number;
  /** Current unix time in seconds (tests). */
  now?: number;
}

/**
 * For receivers: checks the header against the raw body exactly as received (parse the JSON after, never
 * before: re-serialising changes the bytes). Several v1= values are accepted so a sender can sign with an
 * old and a new secret while a rotation is under way.
 */
export function verifySignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  opts: VerifyOptions = {},
): VerifyResult {
  if (!header) return { ok: false, reason: 'no signature header' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed signature header' };
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > tolerance)
    return { ok: false, reason: `timestamp ${timestamp} is outside the ${tolerance}s tolerance` };
  const expected = Buffer.from(hmacHex(body, secret, timestamp), 'hex');
  // timingSafeEqual: how far a guess matches must not show in the response time.
  const match = signatures.some((sig) => timingSafeEqual(Buffer.from(sig, 'hex'), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: 'signature does not match' };
}
