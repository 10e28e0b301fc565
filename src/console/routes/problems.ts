import type { FastifyInstance } from 'fastify';
import { StoryBusyError } from '../../errors.js';
import { dropHeld, releaseHeld, type HeldContext } from '../../pipeline/held.js';
import { actOnFailed } from '../../queue/failed-jobs.js';
import { requestRole } from '../../auth/session.js';
import { problems, type ConsoleState } from '../data.js';
import { ITEM_ID, type ConsoleContext } from '../page.js';

/** What the problems page reads and acts on. */
export type ProblemsRuntime = ConsoleState & HeldContext;

/** `/problems` (failed jobs by reason, held items), retry / drop failed jobs, release / drop a held item. */
export function registerProblems(scope: FastifyInstance, ctx: ConsoleContext, rt: ProblemsRuntime): void {
  const { page, back, acted, form } = ctx;

  scope.get('/problems', async (req, reply) =>
    page(reply, req, 'problems', { title: 'Problems', ...(await problems(rt)) }),
  );

  scope.post<{ Params: { action: string } }>('/problems/failed/:action(retry|drop)', async (req, reply) => {
    const ids = form(req).getAll('id').filter(Boolean);
    if (!ids.length) return back(reply, '/problems', 'No job chosen.', 'error');
    const action = req.params.action as 'retry' | 'drop';
    const done = await actOnFailed(rt, action, ids, { role: requestRole(req) }, rt.log);
    acted(req, `failed-${action}`, { jobIds: done.map((d) => d.id) }, `${done.length} of ${ids.length} job(s)`);
    const missing = ids.length - done.length;
    return back(
      reply,
      '/problems',
      `${action === 'retry' ? 'Retried' : 'Dropped'} ${done.length} job(s)${missing ? `; ${missing} no longer failed` : ''}.`,
    );
  });

  scope.post<{ Params: { id: string; action: string } }>(
    '/problems/held/:id/:action(release|drop)',
    async (req, reply) => {
      const { id, action } = req.params;
      if (!ITEM_ID.test(id)) return back(reply, '/problems', 'not an item id', 'error');
      if (action === 'release') {
        let r;
        try {
          r = await releaseHeld(rt, id);
        } catch (err) {
          if (err instanceof StoryBusyError) return back(reply, '/problems', `${err.message}; try again`, 'error');
          throw err;
        }
        if (!r) return back(reply, '/problems', `Item ${id} is not held.`, 'error');
        acted(req, 'held-release', { itemId: id }, `released: version ${r.version} ${r.outcome}`);
        return back(reply, '/problems', `Released ${id}: version ${r.version} ${r.outcome}.`);
      }
      if (!(await dropHeld(rt, id))) return back(reply, '/problems', `Item ${id} is not held.`, 'error');
      acted(req, 'held-drop', { itemId: id }, 'dropped');
      return back(reply, '/problems', `Dropped ${id}.`);
    },
  );
}
