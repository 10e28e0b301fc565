import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WireError } from '../errors.js';
import { decodersFor } from './decompress.js';

function tooLarge(maxBytes: number, where: string, url: string): WireError {
  return new WireError('too-large', `response body exceeds ${maxBytes} bytes ${where} (network.maxBytes) from ${url}`, {
    url,
  });
}

/** Counts bytes as they pass and fails the stream the moment the cap is crossed. */
class WireCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly url: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(tooLarge(this.maxBytes, 'on the wire', this.url));
    done(null, chunk);
  }
}

/**
 * The end of the pipe: keeps the decoded body and fails as soon as it passes the cap. Failing
 * here destroys the decoders upstream, which stops a compression bomb after at most one
 * decoder chunk beyond the cap instead of inflating it all.
 */
class CappedCollector extends Writable {
  readonly chunks: Buffer[] = [];
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly url: string,
  ) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(tooLarge(this.maxBytes, 'after decompression', this.url));
    this.chunks.push(chunk);
    done();
  }
}

export interface ReadBodyOptions {
  contentEncoding: string | undefined;
  maxBytes: number;
  url: string;
  signal: AbortSignal;
}

/**
 * Drops a response body we will not read. undici's body stream emits an AbortError when destroyed;
 * with no listener that error would be uncaught and take the whole worker process down.
 */
export function discardBody(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

/** Reads a response body through the wire cap, the decoders and the decoded cap. */
export async function readBody(body: Readable, opts: ReadBodyOptions): Promise<{ body: Buffer; wireBytes: number }> {
  let decoders: Transform[];
  try {
    decoders = decodersFor(opts.contentEncoding, opts.url);
  } catch (err) {
    discardBody(body);
    throw err;
  }
  const wire = new WireCounter(opts.maxBytes, opts.url);
  const sink = new CappedCollector(opts.maxBytes, opts.url);
  await pipeline([body, wire, ...decoders, sink], { signal: opts.signal });
  return { body: Buffer.concat(sink.chunks, sink.bytes), wireBytes: wire.bytes };
}
