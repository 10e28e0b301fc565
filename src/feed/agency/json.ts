import { WireError } from '../../errors.js';
import type { FeedDraft } from '../entry.js';
import { readApResponse } from './apmedia.js';
import { isObj, ninjsDraft, type Obj } from './ninjs.js';

const looksNinjs = (v: unknown): v is Obj => isObj(v) && (typeof v.uri === 'string' || typeof v.guid === 'string');

/**
 * JSON text -> FeedDraft when it is ninjs, an AP Media API response or a Reuters Connect GraphQL
 * item; null when it is something else (JSON Feed is read by src/feed/jsonfeed.ts), or not JSON
 * at all. A JSON Schema or API definition is WireError('not-a-feed').
 */
export function readAgencyJson(text: string, ctx: { url: string }): FeedDraft | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return null;
  }
  if (isObj(doc) && (doc.$schema !== undefined || doc.swagger !== undefined || doc.openapi !== undefined)) {
    const what = doc.$schema !== undefined ? 'a JSON Schema' : 'an API definition (Swagger/OpenAPI)';
    throw new WireError('not-a-feed', `expected a feed or an agency item but got ${what}`, { url: ctx.url });
  }
  if (isObj(doc) && isObj(doc.data)) {
    const ap = readApResponse(doc.data, ctx.url);
    if (ap) return ap;
    // Reuters Connect GraphQL: one item under data.item, camelCase with irregular capitals (headLine, byLine).
    if (isObj(doc.data.item) && typeof doc.data.item.uri === 'string')
      return ninjsDraft('reuters-graphql', [doc.data.item], ctx.url);
  }
  if (Array.isArray(doc) && doc.length > 0 && doc.every(looksNinjs)) return ninjsDraft('ninjs', doc, ctx.url);
  // A list wrapped in a paging envelope ({ total, limit, offset, item: [...] }, BBC LDRS).
  if (isObj(doc) && Array.isArray(doc.item) && doc.item.length > 0 && doc.item.every(looksNinjs)) {
    return ninjsDraft('ninjs', doc.item, ctx.url);
  }
  if (looksNinjs(doc) && !Array.isArray(doc.items)) return ninjsDraft('ninjs', [doc], ctx.url);
  return null;
}
