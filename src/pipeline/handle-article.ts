import { asWireError, EmbargoWait, WaitSignal, WireError } from '../errors.js';
import { processArticle } from './article.js';
import type { ArticleRequest, ArticleResult, ArticleStageContext } from './context.js';
import { applyEditorialRules, recordEditorialDecision } from './editorial-rules.js';
import { publishStory } from './publish-story.js';
import { publishInStoryGroup, statusTarget } from './story-group.js';
import { checkSourceAlerts } from './source-alerts.js';
import { changeStoryStatus } from './story-lifecycle.js';
import { agencyStoryId } from '../item/build.js';
import type { StoryOutcome } from './context.js';

const STATUS_MESSAGES: Record<StoryOutcome, (status: string) => string> = {
  published: (s) => `story ${s}: event queued for every downstream queue`,
  recorded: (s) => `story ${s} before any version was published: nothing published, recorded`,
  unchanged: (s) => `story already ${s}: nothing to publish`,
  stale: (s) => `${s} version not newer than the one published: ignored`,
};

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
    // A kill or hold from the agency: no page, no body; an explicit event for the story (story-lifecycle.ts).
    if (item.agency && item.agency.pubStatus !== 'usable') {
      // With same-story grouping, the story may be published under its group's id, or replaced (story-group.ts).
      const target = await statusTarget(ctx, agencyStoryId(sourceId, item.agency.id));
      if (target.replacedBy) {
        ctx.metrics.articleDone('unchanged');
        log.info(
          { itemId: target.itemId, pubStatus: item.agency.pubStatus, replacedBy: target.replacedBy.itemId },
          `story ${item.agency.pubStatus} by its agency, but ${target.replacedBy.sourceId}'s copy replaced it under the same id: nothing to publish`,
        );
        return { itemId: target.itemId, version: 0, outcome: 'unchanged', publishJobId: '', origin: 'feed' };
      }
      const itemId = target.itemId;
      const agencyVersion = { version: item.agency.version, updatedAt: item.updatedAt };
      const changed = await changeStoryStatus(ctx, {
        itemId,
        pubStatus: item.agency.pubStatus,
        note: item.agency.editorialNote,
        withdrawnBy: null,
        agency: agencyVersion,
      });
      ctx.metrics.articleDone(changed.outcome);
      log.info(
        {
          itemId,
          version: changed.version,
          outcome: changed.outcome,
          pubStatus: item.agency.pubStatus,
          agencyVersion: agencyVersion.version,
          note: item.agency.editorialNote,
        },
        STATUS_MESSAGES[changed.outcome](item.agency.pubStatus),
      );
      return {
        itemId,
        version: changed.version,
        outcome: changed.outcome,
        publishJobId: changed.publishJobId,
        origin: 'feed',
      };
    }
    // Under embargo: not published before its time. The job was added delayed until then; should it run
    // early (a clock ahead, a retry) it is put back until the embargo (a wait, not a failure).
    const embargo = item.agency?.embargo;
    if (embargo && Date.parse(embargo) > Date.now()) throw new EmbargoWait(item.guid, embargo);
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
    const agencyVersion = item.agency ? { version: item.agency.version, updatedAt: item.updatedAt } : null;
    const ruled = applyEditorialRules(ctx.config.wire, source, built, item);
    await recordEditorialDecision(ctx, ruled);
    if (ruled.decision.outcome !== 'publish') {
      const outcome = ruled.decision.outcome === 'drop' ? 'dropped' : 'held';
      ctx.metrics.articleDone(outcome);
      await ctx.health.articleDone(sourceId, built.body.origin === 'feed');
      await articleAlerts(ctx, sourceId, built.body.origin);
      return { itemId: built.id, version: 0, outcome, publishJobId: '', origin: built.body.origin };
    }
    // The same story from several sources (story-group.ts): published, a new version of its group's story,
    // or a duplicate, recorded. A copy published under another copy's story id is not checked against that
    // story's agency versions (another agency's).
    const grouped = await publishInStoryGroup(ctx, ruled.item, item, (out, ownStory) =>
      publishStory(ctx, out, ownStory ? agencyVersion : null),
    );
    if (grouped.action === 'duplicate') {
      ctx.metrics.articleDone('duplicate');
      await ctx.health.articleDone(sourceId, built.body.origin === 'feed');
      await articleAlerts(ctx, sourceId, built.body.origin);
      return { itemId: built.id, version: 0, outcome: 'duplicate', publishJobId: '', origin: built.body.origin };
    }
    const published = grouped.published;
    ctx.metrics.articleDone(published.outcome);
    await ctx.health.articleDone(sourceId, built.body.origin === 'feed');
    await articleAlerts(ctx, sourceId, built.body.origin);
    log.info(
      {
        itemId: built.id,
        ...(grouped.item.id !== built.id ? { publishedAs: grouped.item.id } : {}),
        ...(grouped.item.storyGroup ? { storyGroup: grouped.item.storyGroup } : {}),
        version: published.version,
        outcome: published.outcome,
        origin: built.body.origin,
        method: built.body.method,
        ...(agencyVersion ? { agencyVersion: agencyVersion.version } : {}),
        ...(published.outcome === 'stale' ? { publishedAgencyVersion: published.currentAgencyVersion } : {}),
      },
      published.outcome === 'published'
        ? 'item queued for publishing'
        : published.outcome === 'stale'
          ? 'agency version not newer than the one published: ignored'
          : 'item unchanged: nothing to publish',
    );
    return { itemId: grouped.item.id, ...published, origin: built.body.origin };
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
