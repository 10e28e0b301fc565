import { createBullBoard } from '@bull-board/api';
// The package's exports map names this subpath without ".js" (".../bullMQAdapter.js" is not exported).
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { wireItemJsonSchema } from '../item/schema.js';
import { QUEUE } from '../queue/names.js';
import type { Queues } from '../queue/queues.js';

export const DASHBOARD_PATH = '/admin/queues';

const DESCRIPTIONS: Record<string, string> = {
  [QUEUE.poll]: 'One job per scheduled feed poll',
  [QUEUE.article]: 'One job per new or changed feed entry: fetch page, extract, restyle, build the item',
};

/**
 * Bull Board over every queue of the runtime: poll, article and each downstream publish queue. The base
 * path must be set as well as the register prefix: the page's <base href> comes from it, and its
 * scripts and styles are linked relative to that (static/js/..., static/css/...).
 */
export async function registerDashboard(app: FastifyInstance, rt: { queues: Pick<Queues, 'byName'> }): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const itemSchema = wireItemJsonSchema();
  createBullBoard({
    queues: [...rt.queues.byName.values()].map(
      (queue) =>
        new BullMQAdapter(queue, {
          description: DESCRIPTIONS[queue.name] ?? 'Publish-ready WireItems for a downstream system',
          // Publish jobs carry WireItems: the board shows (and checks added jobs against) their schema.
          ...(queue.name in DESCRIPTIONS ? {} : { jobDataSchema: itemSchema }),
        }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Media Wire queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
