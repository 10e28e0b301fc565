import type { FastifyInstance } from 'fastify';
import { StoryBusyError } from '../../errors.js';
import { withdrawStory } from '../../pipeline/operator-actions.js';
import { republishStory, type RepublishContext } from '../../queue/republish.js';
import type { Logging, PublishContext } from '../../pipeline/context.js';
import { toPublishPayload } from '../../publish/payload.js';
import { renderArticle } from '../../consumer/render.js';
import { requestRole } from '../../auth/session.js';
import { searchItems, type ConsoleState } from '../data.js';
import { changed, textDiff } from '../diff.js';
import { ITEM_ID, type ConsoleContext } from '../page.js';

/** What the item pages read and act on. */
export type ItemsRuntime = ConsoleState & RepublishContext & PublishContext & Logging;

/** `/items` (search), `/items/:id` (versions and diffs), republish and withdraw. */
export function registerItems(scope: FastifyInstance, ctx: ConsoleContext, rt: ItemsRuntime): void {
  const { page, back, acted, form } = ctx;

  scope.get<{ Querystring: { q?: string; source?: string } }>('/items', async (req, reply) => {
    const q = (req.query.q ?? '').trim();
    const source = (req.query.source ?? '').trim();
    const found = await searchItems(rt, q, source);
    return page(reply, req, 'items', {
      title: 'Items',
      q,
      source,
      sourceIds: [...rt.sources.keys()],
      ...found,
    });
  });

  scope.get<{ Params: { id: string } }>('/items/:id', async (req, reply) => {
    const { id } = req.params;
    const state = ITEM_ID.test(id) ? await rt.items.get(id) : null;
    if (!state)
      return page(
        reply,
        req,
        'error',
        { title: 'Not found', message: `No item ${id} (unknown, or older than retention.items).` },
        404,
      );
    const versions = await rt.items.versions(id);
    const history = versions.length ? versions : [state.item];
    const diffs = history.slice(1).map((v, i) => {
      const prev = history[i];
      const headline = textDiff(prev.headline, v.headline);
      const body = textDiff(prev.body.text, v.body.text);
      return {
        from: prev.version,
        to: v.version,
        headline,
        body,
        headlineChanged: changed(headline),
        bodyChanged: changed(body),
      };
    });
    const item = state.item;
    return page(reply, req, 'item', {
      title: item.headline,
      item,
      versions: history,
      diffs: diffs.reverse(),
      group: item.storyGroup ? { id: item.storyGroup, alsoReportedBy: item.alsoReportedBy ?? [] } : null,
      downstream: JSON.stringify(toPublishPayload(item, rt.config.wire.publish), null, 2),
      renderArticle,
    });
  });

  scope.post<{ Params: { id: string } }>('/items/:id/republish', async (req, reply) => {
    const { id } = req.params;
    const to = `/items/${id}`;
    if (!ITEM_ID.test(id)) return back(reply, '/items', 'not an item id', 'error');
    const done = await republishStory(rt, id, `console (${requestRole(req)})`);
    if (!done) return back(reply, to, `No item ${id}.`, 'error');
    acted(
      req,
      'republish',
      { itemId: id, sourceId: done.sourceId, jobId: done.jobId },
      `version ${done.version} queued again`,
    );
    return back(reply, to, `Version ${done.version} queued again as job ${done.jobId}.`);
  });

  scope.post<{ Params: { id: string } }>('/items/:id/withdraw', async (req, reply) => {
    const { id } = req.params;
    const to = `/items/${id}`;
    if (!ITEM_ID.test(id)) return back(reply, '/items', 'not an item id', 'error');
    const reason = (form(req).get('reason') ?? '').trim();
    if (!reason) return back(reply, to, 'A withdrawal needs a reason: it goes downstream with the kill.', 'error');
    let done;
    try {
      done = await withdrawStory(rt, id, reason, `console (${requestRole(req)})`);
    } catch (err) {
      if (err instanceof StoryBusyError) return back(reply, to, `${err.message}; try again`, 'error');
      throw err;
    }
    if (!done) return back(reply, to, `No item ${id}.`, 'error');
    const result =
      done.outcome === 'published'
        ? `withdrawn: version ${done.version} (canceled) queued`
        : 'already withdrawn: nothing queued';
    acted(req, 'withdraw', { itemId: id, sourceId: done.sourceId, reason }, result);
    return back(reply, to, `Story ${result}.`);
  });
}
