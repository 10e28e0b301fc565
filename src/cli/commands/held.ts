import type { Logger } from '../../log/index.js';
import { dropHeld, releaseHeld } from '../../pipeline/held.js';
import { openRuntime, UsageError } from '../context.js';
import { ago, table } from '../table.js';

export interface HeldOptions {
  config?: string;
  all?: boolean;
  json?: boolean;
}

/** `wire held list|release|drop`: items an editorial hold rule kept for an editor. */
export async function heldCommand(
  action: 'list' | 'release' | 'drop',
  ids: string[],
  opts: HeldOptions,
  log: Logger,
): Promise<number> {
  if (action !== 'list' && ids.length === 0 && !opts.all)
    throw new UsageError(`wire held ${action} needs item ids, or --all`);
  const { rt, shutdown } = await openRuntime(opts.config, log);
  try {
    const held = await rt.editorial.held();
    if (action === 'list') {
      const rows = held.map((h) => ({
        itemId: h.item.id,
        sourceId: h.item.source.id,
        headline: h.item.headline,
        url: h.item.source.url,
        rule: h.rule,
        scope: h.scope,
        reason: h.reason,
        matched: h.matched,
        heldAt: h.at,
      }));
      if (opts.json) process.stdout.write(JSON.stringify({ held: rows }, null, 2) + '\n');
      else {
        process.stdout.write(
          (rows.length
            ? table(
                ['ITEM', 'SOURCE', 'HELD', 'RULE', 'REASON', 'HEADLINE'],
                rows.map((r) => [r.itemId, r.sourceId, ago(r.heldAt), r.rule, r.reason, r.headline]),
                60,
              )
            : 'no held items') + '\n',
        );
      }
      return 0;
    }
    const targets = opts.all ? held.map((h) => h.item.id) : ids;
    const done: { itemId: string; version?: number; outcome?: string }[] = [];
    const missing: string[] = [];
    for (const id of targets) {
      if (action === 'release') {
        const r = await releaseHeld(rt, id);
        if (r) done.push({ itemId: id, version: r.version, outcome: r.outcome });
        else missing.push(id);
      } else if (await dropHeld(rt, id)) done.push({ itemId: id });
      else missing.push(id);
    }
    if (opts.json) process.stdout.write(JSON.stringify({ action, items: done, notHeld: missing }, null, 2) + '\n');
    else process.stdout.write(`${action === 'release' ? 'released' : 'dropped'} ${done.length} item(s)\n`);
    if (missing.length) process.stderr.write(`not held: ${missing.join(', ')}\n`);
    return missing.length ? 1 : 0;
  } finally {
    await shutdown();
  }
}
