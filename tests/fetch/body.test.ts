import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { WireError } from '../../src/errors.js';
import { readBody } from '../../src/fetch/body.js';
import { brotliBomb, gzipBomb } from './hostile-server.js';

/** A body source that counts how much of the compressed input the reader actually pulled. */
function counted(data: Buffer, chunkSize = 1024): { stream: Readable; pulled: () => number } {
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= data.length) return void this.push(null);
      this.push(data.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
  return { stream, pulled: () => Math.min(offset, data.length) };
}

const opts = (contentEncoding: string | undefined, maxBytes = 256 * 1024) => ({
  contentEncoding,
  maxBytes,
  url: 'http://agency.test/feed',
  signal: new AbortController().signal,
});

async function tooLarge(promise: Promise<unknown>): Promise<WireError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WireError);
  expect((err as WireError).kind).toBe('too-large');
  return err as WireError;
}

describe('readBody', () => {
  let bombs: { gzip: Buffer; br: Buffer };
  beforeAll(async () => {
    bombs = { gzip: gzipBomb(), br: await brotliBomb() };
  });

  it('passes a plain body through and counts wire bytes', async () => {
    const { stream } = counted(Buffer.from('hello world'));
    const out = await readBody(stream, opts(undefined));
    expect(out.body.toString()).toBe('hello world');
    expect(out.wireBytes).toBe(11);
  });

  it('treats identity as no coding', async () => {
    const { stream } = counted(Buffer.from('plain'));
    expect((await readBody(stream, opts('identity'))).body.toString()).toBe('plain');
  });

  it('reads a truncated gzip body as far as it goes', async () => {
    const full = zlib.gzipSync(Buffer.from('x'.repeat(10_000)));
    const { stream } = counted(full.subarray(0, full.length - 12));
    const out = await readBody(stream, opts('gzip'));
    expect(out.body.length).toBeGreaterThan(0);
  });

  it.each(['gzip', 'br'] as const)('stops a %s bomb after pulling a sliver of it', async (coding) => {
    const bomb = bombs[coding];
    const { stream, pulled } = counted(bomb);
    const started = performance.now();
    const err = await tooLarge(readBody(stream, opts(coding)));
    expect(err.message).toContain('after decompression');
    // Inflating all of the 1 GiB takes ~2 s; stopping at 256 KiB takes a few ms. What was
    // pulled is no more than the streams' own buffers (16 KiB high-water marks).
    expect(performance.now() - started).toBeLessThan(1000);
    expect(pulled()).toBeLessThanOrEqual(96 * 1024);
  });

  it('stops a deflate bomb through the raw/zlib sniffing decoder too', async () => {
    const bomb = zlib.deflateSync(Buffer.alloc(16 << 20), { level: 9 });
    const { stream } = counted(bomb);
    const err = await tooLarge(readBody(stream, opts('deflate')));
    expect(err.message).toContain('after decompression');
    const raw = zlib.deflateRawSync(Buffer.alloc(16 << 20), { level: 9 });
    await tooLarge(readBody(counted(raw).stream, opts('deflate')));
  });

  it('caps the wire bytes even when nothing is compressed', async () => {
    const { stream, pulled } = counted(Buffer.alloc(10 << 20));
    const err = await tooLarge(readBody(stream, opts(undefined, 64 * 1024)));
    expect(err.message).toContain('on the wire');
    expect(pulled()).toBeLessThan(256 * 1024);
  });
});
