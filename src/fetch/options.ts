import { z } from 'zod';

/** The `network:` section of wire.yaml: limits every HTTP request of the service obeys. */
export const NetworkOptions = z.strictObject({
  /** Names the service and a contact URL, so agencies know who polls them. */
  userAgent: z.string().min(1).default('MediaWire/0.1 (+https://github.com/media-wire/media-wire)'),
  /** Hosts or CIDR ranges that may be fetched although private or loopback (e.g. 127.0.0.1, 10.0.0.0/8). */
  allowPrivate: z.array(z.string().min(1)).default([]),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /** Time allowed until the response headers arrive. */
  headersTimeoutMs: z.number().int().positive().default(15_000),
  /** Time allowed for the whole response body (cuts off servers that trickle bytes). */
  bodyTimeoutMs: z.number().int().positive().default(30_000),
  /** Byte cap on the body, on the wire and again after decompression. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).default(5),
});
export type NetworkOptions = z.infer<typeof NetworkOptions>;
