import { asWireError, WaitSignal, WireError } from '../errors.js';
import { processArticle } from './article.js';
import type { ArticleRequest, ArticleResult, ArticleStageContext } from './context.js';
import { applyEditorialRules, recordEditorialDecision } from './editorial-rules.js';
import { publishStory } from './publish-story.js';
import { checkSourceAlerts } from './source-alerts.js';

/**
 * The article step: the entry's page (or the feed's content) read into a WireItem, then the editorial rules
 * (drop, hold, route, tag), then the publish step.
 * Throws the item's failure as a WireError (logged and counted here; the queue decides on retries), and a
 * WaitSignal, not counted, for a busy host or a story another worker is publishing.
 */
export async function handleArticle(
  ctx: ArticleStageContext,
  data: ArticleRequest,
  job?: { id?: string; attemptsMade: number },
): Promise<ArticleResult> {
  const { sourceId, item } = data;
  const log = ctx.log.child({ sourceId, guid: item.guid, jobId: job?.id });
  const source = ctx.sources.get(sourceId);
  if (!source) throw new WireError('config', `source "${sourceId}" is no longer configured`);
  try {
    const built = await processArticle(
      {
        wire: ctx.config.wire,
        fetcher: ctx.fetcher,
        robots: ctx.robots,
        readPage: (work) => ctx.readPage(work, log),
        onPageFetched: (ms) => ctx.metrics.fetchDuration('page', ms / 1000),
      },
      source,
      item,
    );
    const ruled = applyEditorialRules(ctx.config.wire, source, built, item);
    await recordEditorialDecision(ctx, ruled);
    if (ruled.decision.outcome !== 'publish') {
      const outcome = ruled.decision.outcome === 'drop' ? 'dropped' : 'held';
      ctx.metrics.articleDone(outcome);
      await ctx.health.articleDone(sourceId, built.body.origin === 'feed');
      await articleAlerts(ctx, sourceId, built.body.origin);
      return { itemId: built.id, version: 0, outcome, publishJobId: '', origin: built.body.origin };
    }
    const published = await publishStory(ctx, ruled.item);
    ctx.metrics.articleDone(published.outcome);
    await ctx.health.articleDone(sourceId, built.body.origin === 'feed');
    await articleAlerts(ctx, sourceId, built.body.origin);
    log.info(
      {
        itemId: built.id,
        version: published.version,
        outcome: published.outcome,
        origin: built.body.origin,
        method: built.body.method,
      },
      published.outcome === 'published' ? 'item queued for publishing' : 'item unchanged: nothing to publish',
    );
    return { itemId: built.id, ...published, origin: built.body.origin };
  } catch (caught) {
    // Waiting, not failing: for a busy host (politeness) or for a story another worker is publishing (or was,
    // when it died holding the lock). The queue puts the job back; it keeps its attempts, which are for errors.
    if (caught instanceof WaitSignal) throw caught;
    const err = asWireError(caught);
    ctx.metrics.failure('article', err.kind);
    // A page with no article is the source's page refusing extraction: a rising share is a redesign.
    if (err.kind === 'no-article') await articleAlerts(ctx, sourceId, 'refused').catch(() => {});
    log.warn(
      { err, kind: err.kind, link: item.link, attempt: (job?.attemptsMade ?? 0) + 1 },
      `article failed: ${err.message}`,
    );
    throw err;
  }
}

/** One more article outcome in the source's recent history, then its alerts (degrading). */
async function articleAlerts(
  ctx: ArticleStageContext,
  sourceId: string,
  outcome: 'page' | 'feed' | 'refused',
): Promise<void> {
  await ctx.alerts.articleOutcome(sourceId, outcome);
  await checkSourceAlerts(ctx, sourceId);
}
