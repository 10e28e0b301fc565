import dns from 'node:dns';
import net from 'node:net';
import { buildConnector } from 'undici';
import type { NetworkGuard } from './guard.js';

/** Resolves a host name to all its addresses; replaceable so tests can play a rebinding DNS. */
export type Resolver = (hostname: string, options: dns.LookupOptions) => Promise<dns.LookupAddress[]>;

const systemResolver: Resolver = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

export interface ConnectorOptions {
  /** Connect timeout in ms; undici's timer also covers the DNS lookup. */
  timeout: number;
  resolve?: Resolver;
}

/**
 * A net/tls `lookup` that only ever hands out addresses the guard accepts. Node dials exactly
 * what lookup returns, so the check is on the address connected to, at connect time, on every
 * new connection (every redirect hop included): a name that re-resolves to 127.0.0.1 later
 * is caught then. Blocked addresses are dropped; if none is left the host is refused.
 */
export function guardedLookup(guard: NetworkGuard, resolve: Resolver = systemResolver): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options).then(
      (addresses) => {
        const allowed = addresses.filter((a) => guard.check(hostname, a.address) === null);
        const first = allowed[0];
        if (!first) {
          const refusal = addresses[0]
            ? guard.check(hostname, addresses[0].address)
            : Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' });
          callback(refusal, '', 0);
          return;
        }
        if (options.all) callback(null, allowed);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * undici connector with the guard in front. Literal IP hosts never reach `lookup` in Node,
 * so they are checked here before any socket exists; the dialled remote address is checked
 * once more after connecting as a last line of defence.
 */
export function guardedConnector(guard: NetworkGuard, opts: ConnectorOptions): buildConnector.connector {
  const base = buildConnector({
    timeout: opts.timeout,
    lookup: guardedLookup(guard, opts.resolve),
  });
  return (options, callback) => {
    const { hostname } = options;
    if (net.isIP(hostname)) {
      const refusal = guard.check(hostname, hostname);
      if (refusal) {
        callback(refusal, null);
        return;
      }
    }
    base(options, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error('connect failed'), null);
        return;
      }
      const remote = socket.remoteAddress;
      const refusal = remote ? guard.check(hostname, remote) : null;
      if (refusal) {
        socket.destroy();
        callback(refusal, null);
        return;
      }
      callback(null, socket);
    });
  };
}
