import { updateAlerts, type AlertChange } from '../alerts/detect.js';
import type { AlertsContext } from './context.js';

/**
 * The alerts step, after each poll and each article of a source: which of quiet, failing, degrading and moved
 * hold now (src/alerts/detect.ts); each is raised once when it starts (WARN) and cleared once when it stops
 * (INFO). Several workers may evaluate the same source at once: only the one whose write opens (or closes)
 * the alert in Redis reports it. Returns the changes this call reported.
 */
export async function checkSourceAlerts(
  ctx: AlertsContext,
  sourceId: string,
  now = Date.now(),
): Promise<AlertChange[]> {
  const [facts, open] = await Promise.all([ctx.alerts.facts(sourceId), ctx.alerts.open(sourceId)]);
  const { open: next, changes } = updateAlerts(open, facts, now, ctx.config.wire.alerts);
  const reported: AlertChange[] = [];
  for (const c of changes) {
    const applied =
      c.change === 'raised'
        ? await ctx.alerts.raise(
            sourceId,
            next.find((a) => a.kind === c.kind)!,
          )
        : await ctx.alerts.clear(sourceId, c.kind);
    if (!applied) continue;
    reported.push(c);
    ctx.notifyAlert?.(sourceId, c);
    const log = ctx.log.child({ sourceId, alert: c.kind, change: c.change });
    if (c.change === 'raised') log.warn(`source alert ${c.kind}: ${c.message}`);
    else log.info(`source alert ${c.kind} cleared`);
  }
  return reported;
}
