import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../../src/webhook/signature.js';
import { webhookSecret } from '../../src/webhook/worker.js';

const secret = 'whsec-test-0123456789abcdef';
const body = JSON.stringify({ id: 'a'.repeat(32), version: 2, headline: 'Talks resume in Geneva “today”' });
const t = 1_795_000_000;

describe('signPayload', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, as t=...,v1=...', () => {
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signPayload(body, secret, t)).toBe(`t=${t},v1=${hex}`);
  });

  it('refuses a timestamp that is not whole seconds', () => {
    expect(() => signPayload(body, secret, Date.now() / 1000)).toThrow(/whole unix seconds/);
  });
});

describe('verifySignature', () => {
  it('accepts what signPayload made', () => {
    expect(verifySignature(body, signPayload(body, secret, t), secret, { now: t + 10 })).toEqual({
      ok: true,
      timestamp: t,
    });
  });

  it('detects a changed body, a changed timestamp and a wrong secret', () => {
    const header = signPayload(body, secret, t);
    expect(verifySignature(body.replace('Geneva', 'Genf'), header, secret, { now: t })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifySignature(body, header.replace(`t=${t}`, `t=${t + 1}`), secret, { now: t })).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifySignature(body, header, 'another-secret-0123456789', { now: t })).toMatchObject({ ok: false });
  });

  it('rejects old (and far-future) timestamps, even when correctly signed', () => {
    const header = signPayload(body, secret, t);
    expect(verifySignature(body, header, secret, { now: t + 301 })).toEqual({
      ok: false,
      reason: `timestamp ${t} is outside the 300s tolerance`,
    });
    expect(verifySignature(body, header, secret, { now: t - 301 })).toMatchObject({ ok: false });
    expect(verifySignature(body, header, secret, { now: t + 3600, toleranceSeconds: 3600 })).toMatchObject({
      ok: true,
    });
    // without `now`, the real clock decides
    expect(
      verifySignature(body, signPayload(body, secret, Math.floor(Date.now() / 1000) - 1000), secret),
    ).toMatchObject({ ok: false });
    expect(verifySignature(body, signPayload(body, secret, Math.floor(Date.now() / 1000)), secret)).toMatchObject({
      ok: true,
    });
  });

  it('rejects missing and malformed headers', () => {
    expect(verifySignature(body, undefined, secret)).toEqual({ ok: false, reason: 'no signature header' });
    for (const header of ['garbage', `t=${t}`, `v1=${'0'.repeat(64)}`, `t=abc,v1=${'0'.repeat(64)}`, `t=${t},v1=xyz`]) {
      expect(verifySignature(body, header, secret, { now: t })).toEqual({
        ok: false,
        reason: 'malformed signature header',
      });
    }
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const oldSig = signPayload(body, 'old-secret-0123456789abc', t).split(',')[1];
    const newSig = signPayload(body, secret, t).split(',')[1];
    expect(verifySignature(body, `t=${t},${oldSig},${newSig}`, secret, { now: t })).toMatchObject({ ok: true });
    expect(verifySignature(body, `t=${t},${oldSig}`, secret, { now: t })).toMatchObject({ ok: false });
  });
});

describe('webhookSecret', () => {
  it('reads the configured variable and refuses an unset or short one', () => {
    expect(webhookSecret({ secretEnv: 'HOOK' }, { HOOK: secret })).toBe(secret);
    expect(() => webhookSecret({ secretEnv: 'HOOK' }, {})).toThrow(/HOOK .*empty or unset/);
    expect(() => webhookSecret({ secretEnv: 'HOOK' }, { HOOK: 'short' })).toThrow(/at least 16/);
  });
});
