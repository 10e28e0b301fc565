import type { Source } from '../config/schema.js';
import type { FeedItem } from '../feed/types.js';
import type { WireItem } from '../item/schema.js';
import { evaluateRules, rulesFor, type RuleDecision, type RuleSubject } from '../rules/index.js';
import type { EditorialRule } from '../rules/schema.js';
import type { DecidingRule } from '../state/editorial.js';
import type { EditorialContext } from './context.js';

/** What the rules look at, read from the built item (and the feed entry, for what only an agency gives). */
export function ruleSubject(item: WireItem, entry?: FeedItem | null): RuleSubject {
  const subjects = entry?.agency?.subjects ?? [];
  // A stored item already carries what tag rules added: the rules look at the categories it came with.
  const added = new Set(item.editorial?.categoriesAdded ?? []);
  const own = item.categories.filter((c) => !added.has(c));
  const categories = [...new Set([...own, ...subjects.flatMap((s) => [s.name ?? '', s.code]).filter(Boolean)])];
  return {
    headline: item.headline,
    headlineOriginal: item.headlineOriginal,
    summary: item.summary,
    body: item.body.text,
    categories,
    source: item.source.id,
    language: item.language ?? entry?.language ?? null,
    urgency: entry?.agency?.urgency ?? null,
    byline: item.byline,
  };
}

export interface EditorialResult {
  decision: RuleDecision;
  /** The item with the rules' route and tag applied and the rules that matched recorded (`editorial`). */
  item: WireItem;
}

/**
 * The rules step (pure): wire.yaml's rules then the source's over one built item. Route sets the section
 * and the publish queues, tag adds categories; every rule that matched is recorded on the item.
 */
export function applyEditorialRules(
  wire: { rules: readonly EditorialRule[] },
  source: Pick<Source, 'rules'>,
  item: WireItem,
  entry?: FeedItem | null,
): EditorialResult {
  const decision = evaluateRules(rulesFor(wire.rules, source.rules), ruleSubject(item, entry));
  if (!decision.hits.length) return { decision, item };
  const out: WireItem = {
    ...item,
    section: decision.section ?? item.section,
    categories: [...item.categories, ...decision.categories],
    editorial: {
      rules: decision.hits,
      ...(decision.queues ? { queues: decision.queues } : {}),
      ...(decision.categories.length ? { categoriesAdded: decision.categories } : {}),
    },
  };
  return { decision, item: out };
}

function deciding(decision: RuleDecision): DecidingRule {
  const hit = decision.decidedBy!;
  return { rule: hit.rule, scope: hit.scope, matched: hit.matched, reason: decision.reason ?? hit.rule };
}

/**
 * Records a drop or a hold (nothing to record for an item that goes on to publish): the drop list and
 * counts, or the held set; the metric; the log line.
 */
export async function recordEditorialDecision(
  ctx: EditorialContext,
  result: EditorialResult,
  now = new Date(),
): Promise<void> {
  const { decision, item } = result;
  for (const hit of decision.hits) ctx.metrics.ruleMatched(item.source.id, hit.rule, hit.action);
  if (decision.outcome === 'publish') return;
  const rule = deciding(decision);
  const log = ctx.log.child({ sourceId: item.source.id, itemId: item.id });
  if (decision.outcome === 'drop') {
    await ctx.editorial.recordDrop({
      ...rule,
      itemId: item.id,
      sourceId: item.source.id,
      headline: item.headline,
      url: item.source.url,
      at: now.toISOString(),
    });
    log.info(
      { rule: rule.rule, reason: rule.reason, matched: rule.matched },
      `item dropped by rule ${rule.rule}: ${rule.reason}`,
    );
  } else {
    await ctx.editorial.hold({ ...rule, item, at: now.toISOString() });
    log.info(
      { rule: rule.rule, reason: rule.reason, matched: rule.matched },
      `item held for an editor by rule ${rule.rule}: ${rule.reason}`,
    );
  }
}
