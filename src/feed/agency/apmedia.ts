import type { FeedDraft } from '../entry.js';
import { resolveWebUrl } from '../links.js';
import type { AgencyParts } from './common.js';
import { isObj, ninjsDraft, pick, readNinjsItem, str, stringsOf, type Obj } from './ninjs.js';

/**
 * AP Media API responses: a feed or search (`data.items[].item`, `data.next_page` the cursor URL
 * to poll next) or one item (`data.item`). Items are ninjs-like; what is AP's own: the identity
 * is `altids.itemid` (the `uri` carries per-request tokens), `editorialtypes` carry kills,
 * holds, corrections and write-throughs, and the body is not inline but a NITF rendition
 * (`renditions.nitf.href`, as `bodyUrl`).
 */

const KILL = /^(kill|elimination|disregard)$/i;

export function readApItem(o: Obj, base: string): AgencyParts {
  const p = readNinjsItem(o, 'ap-media-api', base);
  const altids = isObj(pick(o, 'altids', 'altIds')) ? (pick(o, 'altids', 'altIds') as Obj) : {};
  const editorialTypes = stringsOf(o.editorialtypes);
  let status = p.status;
  // A kill or hold given only in editorialtypes is never read as usable (fail closed).
  const kill = editorialTypes.find((t) => KILL.test(t));
  if (status.status === 'usable' && kill) {
    status = { status: 'canceled', reading: `editorial type ${kill} read as canceled`, embargoed: false };
  } else if (status.status === 'usable' && editorialTypes.some((t) => /^withhold$/i.test(t))) {
    status = { status: 'withheld', reading: 'editorial type Withhold read as withheld', embargoed: false };
  }
  const renditions = isObj(o.renditions) ? o.renditions : {};
  const nitf = isObj(renditions.nitf) ? renditions.nitf : null;
  return {
    ...p,
    id: str(altids.itemid) ?? p.id,
    status,
    signals: [...p.signals, ...editorialTypes],
    bodyUrl: nitf ? resolveWebUrl(str(nitf.href), base) : null,
  };
}

/** `data` of an AP response -> FeedDraft, or null when it is not AP's shape. */
export function readApResponse(data: Obj, base: string): FeedDraft | null {
  if (Array.isArray(data.items)) {
    const items = data.items.map((x) => (isObj(x) && isObj(x.item) ? x.item : x));
    const next = str(data.next_page);
    return ninjsDraft('ap-media-api', items, base, readApItem, { nextPage: next ? resolveWebUrl(next, base) : null });
  }
  if (isObj(data.item) && isObj(data.item.altids)) return ninjsDraft('ap-media-api', [data.item], base, readApItem);
  return null;
}
