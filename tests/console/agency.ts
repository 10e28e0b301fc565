import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small news site and agency on 127.0.0.1 for the console's tests: a home page that advertises two RSS
 * feeds, the feeds, article pages, a feed that always fails (503), and an article that fails until `heal()`.
 */
export interface LocalAgency {
  origin: string;
  /** Requests seen, by path. */
  hits: string[];
  /** From now on the flaky article answers. */
  heal(): void;
  /** The Geneva story gets a new version: a longer headline in the feed and one more paragraph on its page. */
  bump(): void;
  close(): Promise<void>;
}

const PARAGRAPHS = [
  'Negotiators from both delegations met again on Tuesday morning in Geneva, after a pause of three weeks that had worried diplomats on every side of the table.',
  'The talks continue in good faith, a spokesperson for the mediators said in a short statement read to reporters outside the conference centre late in the afternoon.',
  'Neither side gave details of the proposals exchanged, but officials said a second round was planned for next week and that technical teams would keep working meanwhile.',
  'Observers said the return to the table was a modest but real step, and that the coming days would show whether the positions had moved since the last meeting.',
];

function article(title: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><header><nav><a href="/">Home</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Jane Reporter</p>
${PARAGRAPHS.map((p) => `<p>${p}${extra}</p>`).join('\n')}
</article></main><footer>© Local Agency</footer></body></html>`;
}

function rss(origin: string, title: string, items: { path: string; title: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${title}</title><link>${origin}/</link><description>World news</description>
${items
  .map(
    (i, n) =>
      `<item><title>${i.title}</title><link>${origin}${i.path}</link><guid>${origin}${i.path}</guid><pubDate>${new Date(Date.now() - n * 60_000).toUTCString()}</pubDate><description>${PARAGRAPHS[0]}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export async function startLocalAgency(): Promise<LocalAgency> {
  const hits: string[] = [];
  let healed = false;
  let bumped = false;
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.push(path);
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    const xml = (body: string) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
    switch (path) {
      case '/':
        return html(
          `<!doctype html><html><head><title>Local Agency</title><link rel="alternate" type="application/rss+xml" title="Local Agency World" href="/world.xml"><link rel="alternate" type="application/rss+xml" title="Local Agency Business" href="/business.xml"></head><body><h1>Local Agency</h1></body></html>`,
        );
      case '/world.xml':
        return xml(
          rss(origin, 'Local Agency World', [
            { path: '/news/talks', title: `EXCLUSIVE: Talks Resume In Geneva${bumped ? ' After Delay' : ''}` },
            { path: '/news/markets', title: 'Markets Steady As Talks Go On' },
          ]),
        );
      case '/business.xml':
        return xml(
          rss(origin, 'Local Agency Business', [{ path: '/news/markets', title: 'Markets Steady As Talks Go On' }]),
        );
      case '/flaky.xml':
        return xml(rss(origin, 'Flaky Coast', [{ path: '/news/flaky', title: 'Flaky Report From The Coast' }]));
      case '/broken.xml':
        return res.writeHead(503, { 'content-type': 'text/plain' }).end('service unavailable');
      case '/news/talks':
        return html(
          article(
            `EXCLUSIVE: Talks Resume In Geneva${bumped ? ' After Delay' : ''}`,
            bumped ? ' Both sides confirmed the delay had been agreed in advance.' : '',
          ),
        );
      case '/news/markets':
        return html(article('Markets Steady As Talks Go On'));
      case '/news/flaky':
        if (!healed) return res.writeHead(500, { 'content-type': 'text/plain' }).end('server error');
        return html(article('Flaky Report From The Coast'));
      default:
        return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    heal: () => {
      healed = true;
    },
    bump: () => {
      bumped = true;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
