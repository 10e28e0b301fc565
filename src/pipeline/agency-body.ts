import type { Source } from '../config/schema.js';
import { decodeHtml } from '../encoding/decode.js';
import { WireError } from '../errors.js';
import { bodyFromHtml } from '../feed/agency/body.js';
import { parseFeed } from '../feed/index.js';
import type { HttpClient } from '../fetch/types.js';
import { sourceCredentialsFor } from './credentials.js';

/** What a body rendition may be: NITF or NewsML-G2 (XML), else XHTML/HTML. */
export const BODY_ACCEPT = 'application/xml, text/xml, application/xhtml+xml;q=0.9, text/html;q=0.8, */*;q=0.1';

/**
 * An agency item whose body is not in the feed but a rendition to download (AP Media API
 * `renditions.nitf.href`, `agency.bodyUrl`): fetched with the source's credentials (own host only; the
 * fetch client drops them on a redirect to another host), and read as an agency body: a NITF or NewsML-G2
 * document through the agency readers, an (X)HTML one as a delivered HTML body. Sanitised, verbatim.
 * Throws a WireError naming the rendition when it cannot be fetched or holds no body.
 */
export async function fetchAgencyBody(
  source: Pick<Source, 'id' | 'feed' | 'auth'>,
  url: string,
  fetcher: HttpClient,
): Promise<{ html: string; elapsedMs: number }> {
  const credentials = sourceCredentialsFor(source, url);
  const res = await fetcher.fetch(url, { accept: BODY_ACCEPT, ...(credentials ? { credentials } : {}) });
  const type = res.headers['content-type'] ?? null;
  let html: string | null;
  if (/html/i.test(type ?? '')) {
    html = bodyFromHtml(decodeHtml(res.body, type));
  } else {
    const doc = await parseFeed(res.body, { url: res.finalUrl, contentType: type, agencyLifecycle: true });
    html = doc.items[0]?.agency?.body ?? null;
  }
  if (!html) throw new WireError('no-article', `the body rendition ${url} holds no story text`, { url });
  return { html, elapsedMs: res.elapsedMs };
}
