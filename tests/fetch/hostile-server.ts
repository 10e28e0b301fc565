/**
 * A deliberately badly behaved "agency" on 127.0.0.1 for the fetch client's tests: every
 * route is one way a real server can hurt a crawler (slowloris, compression bombs, redirect
 * games, resets), plus a few ordinary ones to prove normal traffic still works.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export const TEXT = 'Agency report. '.repeat(400);

export interface Listening {
  server: http.Server;
  origin: string;
  port: number;
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** Starts an HTTP server on host:0 and counts the TCP connections it accepts. */
export async function listen(host: string, handler: http.RequestListener): Promise<Listening> {
  const server = http.createServer(handler);
  const state = { connections: 0 };
  server.on('connection', () => {
    state.connections++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    origin: `http://${shown}:${port}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const MB = Buffer.alloc(1 << 20);

/** 1 GiB of zeros as ~1 MB of gzip: one small member repeated (gunzip reads concatenated members). */
export function gzipBomb(): Buffer {
  const member = zlib.gzipSync(MB, { level: 9 });
  return Buffer.concat(Array.from({ length: 1024 }, () => member));
}

/** 1 GiB of zeros as ~200 KB of brotli, compressed streaming at quality 1 so it costs ~150 ms. */
export async function brotliBomb(): Promise<Buffer> {
  const enc = zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
  const out: Buffer[] = [];
  enc.on('data', (d: Buffer) => out.push(d));
  const ended = new Promise((resolve) => enc.once('end', resolve));
  for (let i = 0; i < 1024; i++) {
    if (!enc.write(MB)) await new Promise((resolve) => enc.once('drain', resolve));
  }
  enc.end();
  await ended;
  return Buffer.concat(out);
}

export interface HostileOptions {
  /** Where the redirect-to-private routes point. */
  privateOrigin: string;
  ipv6Origin: string | null;
  bombs: { gzip: Buffer; br: Buffer };
}

/** Writes a body a byte at a time, every `ms`, until the client goes away. */
function trickle(res: http.ServerResponse, ms: number): void {
  const timer = setInterval(() => res.write('x'), ms);
  res.on('close', () => clearInterval(timer));
}

export function hostileHandler(opts: HostileOptions): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const send = (status: number, headers: http.OutgoingHttpHeaders, body?: Buffer | string) => {
      res.writeHead(status, headers);
      res.end(body);
    };

    if (path === '/ok') return send(200, { 'content-type': 'text/plain; charset=utf-8' }, TEXT);
    if (path === '/echo') return send(200, { 'content-type': 'application/json' }, JSON.stringify(req.headers));
    if (path === '/gzip') return send(200, { 'content-encoding': 'gzip' }, zlib.gzipSync(TEXT));
    if (path === '/br') return send(200, { 'content-encoding': 'br' }, zlib.brotliCompressSync(TEXT));
    if (path === '/deflate') return send(200, { 'content-encoding': 'deflate' }, zlib.deflateSync(TEXT));
    if (path === '/deflate-raw') return send(200, { 'content-encoding': 'deflate' }, zlib.deflateRawSync(TEXT));
    // Codings listed in the order applied: gzip first, then br.
    if (path === '/gzip-br') {
      return send(200, { 'content-encoding': 'gzip, br' }, zlib.brotliCompressSync(zlib.gzipSync(TEXT)));
    }
    if (path === '/zstd') return send(200, { 'content-encoding': 'zstd' }, 'whatever');
    if (path === '/corrupt-gzip') return send(200, { 'content-encoding': 'gzip' }, Buffer.from('not gzip at all'));

    if (path === '/gzip-bomb') return send(200, { 'content-encoding': 'gzip' }, opts.bombs.gzip);
    if (path === '/br-bomb') return send(200, { 'content-encoding': 'br' }, opts.bombs.br);

    if (path === '/huge') {
      // Chunked, no Content-Length: only counting on the wire can stop it.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = Infinity));
      return pump();
    }
    if (path === '/huge-declared') {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      return res.write(Buffer.alloc(1024));
    }

    if (path === '/slowloris') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return trickle(res, 200);
    }
    if (path === '/slow-headers') {
      const timer = setTimeout(() => send(200, {}, 'late'), 3000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/reset') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write(Buffer.alloc(100, 'a'), () => setTimeout(() => res.socket?.resetAndDestroy(), 20));
      return;
    }

    if (path === '/304') return send(304, { etag: '"v1"' });
    if (path === '/404') return send(404, { 'content-type': 'text/html' }, '<h1>gone</h1>');
    if (path === '/500') return send(500, {}, 'oops');
    if (path === '/429-seconds') return send(429, { 'retry-after': '120' }, 'slow down');
    if (path === '/429-date') {
      return send(429, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }, 'slow down');
    }
    if (path === '/503-slow-body') {
      res.writeHead(503, { 'retry-after': '5' });
      return trickle(res, 200);
    }

    // Redirects.
    if (path === '/moved') return send(301, { location: '/ok' });
    if (path === '/perm-then-temp') return send(308, { location: '/temp' });
    if (path === '/temp') return send(302, { location: '/ok' });
    if (path === '/rel') return send(302, { location: 'ok' });
    if (path.startsWith('/chain/')) {
      const n = Number(path.slice('/chain/'.length));
      // Mix the Location forms: path-absolute, absolute URL, dot-relative.
      if (n === 3) return send(302, { location: '/chain/2' });
      if (n === 2) return send(307, { location: `http://${req.headers.host}/chain/1` });
      return send(303, { location: '../ok' });
    }
    if (path === '/loop/a') return send(302, { location: '/loop/b' });
    if (path === '/loop/b') return send(302, { location: '/loop/a' });
    if (path.startsWith('/hops/')) {
      const n = Number(path.slice('/hops/'.length));
      return n === 0 ? send(200, {}, 'arrived') : send(302, { location: `/hops/${n - 1}` });
    }
    if (path === '/to-other-origin')
      return send(302, { location: `http://127.0.0.1:${url.searchParams.get('port')}/echo` });
    if (path === '/no-location') return send(302, {});
    if (path === '/to-ftp') return send(302, { location: 'ftp://example.com/feed' });
    if (path === '/to-private') return send(302, { location: `${opts.privateOrigin}/secret` });
    if (path === '/to-ipv6') return send(302, { location: `${opts.ipv6Origin ?? 'http://[::1]:9'}/secret` });
    if (path === '/to-rebind')
      return send(302, { location: `http://rebind.test:${url.searchParams.get('port')}/secret` });

    send(404, {}, 'no such route');
  };
}
