import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { WireError } from '../errors.js';

/** What we advertise; decoders exist for exactly these. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

// Lenient like browsers: a body cut short yields what arrived instead of an error. A
// truncated transfer is still caught by undici when Content-Length disagrees.
const ZLIB_OPTS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTS: zlib.BrotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * "deflate" is zlib-wrapped by the spec but some servers send raw deflate; the first byte
 * tells them apart (a zlib header has compression method 8 in its low nibble). Passes the
 * inner inflater's backpressure through, so a deflate bomb is inflated only as fast as the
 * byte cap downstream reads it.
 */
class InflateAuto extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (chunk.length === 0) return done();
    if (!this.#inner) {
      const inner = (chunk[0] & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_OPTS) : zlib.createInflateRaw(ZLIB_OPTS);
      inner.on('data', (out: Buffer) => {
        if (!this.push(out)) inner.pause();
      });
      inner.once('error', (err) => this.destroy(err));
      this.#inner = inner;
    }
    this.#inner.write(chunk, () => done());
  }

  override _read(size: number): void {
    this.#inner?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    const inner = this.#inner;
    if (!inner) return done();
    inner.once('end', () => done());
    inner.end();
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    done(err);
  }
}

/**
 * Decoder streams for a Content-Encoding header, in the order to apply them (codings are
 * listed in the order they were applied, so we undo them from the last). Throws a
 * WireError for a coding we cannot undo: passing compressed bytes on as text would only
 * surface later as a baffling parse error.
 */
export function decodersFor(contentEncoding: string | undefined, url: string): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding): Transform => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip(ZLIB_OPTS);
      case 'deflate':
        return new InflateAuto();
      case 'br':
        return zlib.createBrotliDecompress(BROTLI_OPTS);
      default:
        throw new WireError('parse', `cannot decode Content-Encoding "${coding}" from ${url}`, { url });
    }
  });
}

/** True for the errors zlib raises on corrupt compressed data. */
export function isDecompressError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('Z_') || code.startsWith('ERR__ERROR_') || code.startsWith('ERR_BROTLI'))
  );
}
