import type { Source } from '../config/schema.js';
import type { FeedItem } from '../feed/types.js';
import type { WireItem } from '../item/schema.js';
import type { RuleHit } from '../rules/index.js';
import type { EditorialRule } from '../rules/schema.js';
import { applyEditorialRules } from './editorial-rules.js';
import type { StoryGroupPreview } from './story-group.js';

/** What the rules would do to one item (`wire rules test`). */
export interface DryRunRow {
  itemId: string;
  sourceId: string;
  headline: string;
  url: string;
  /** stored: a story's last published version; held: an item waiting for an editor; page: fetched now (--url). */
  from: 'stored' | 'held' | 'page';
  outcome: 'publish' | 'drop' | 'hold';
  /** The drop or hold rule that would decide. */
  decidedBy: RuleHit | null;
  reason: string | null;
  /** Route and tag effects (publish only). */
  section: string | null;
  queues: string[] | null;
  categoriesAdded: string[];
  /** Every rule that would match, in order. */
  rules: RuleHit[];
  /** Set when the item's source is no longer configured (only wire.yaml's rules were run). */
  note?: string;
  /** With `dedupe` on, for an item the rules would publish: what same-story grouping would do with it now. */
  sameStory?: StoryGroupPreview;
}

/**
 * Runs today's rules over one item without recording anything. A stored item's categories are taken as
 * they were before tag rules added to them. Stored items do not keep an agency's urgency: conditions on
 * urgency see none (they do for --url pages, read from the feed entry given).
 */
export function dryRunItem(
  wire: { rules: readonly EditorialRule[] },
  sources: ReadonlyMap<string, Source>,
  item: WireItem,
  from: DryRunRow['from'],
  entry?: FeedItem | null,
): DryRunRow {
  const source = sources.get(item.source.id);
  const { decision } = applyEditorialRules(wire, source ?? {}, item, entry);
  return {
    itemId: item.id,
    sourceId: item.source.id,
    headline: item.headline,
    url: item.source.url,
    from,
    outcome: decision.outcome,
    decidedBy: decision.decidedBy,
    reason: decision.reason,
    section: decision.outcome === 'publish' ? decision.section : null,
    queues: decision.outcome === 'publish' ? decision.queues : null,
    categoriesAdded: decision.outcome === 'publish' ? decision.categories : [],
    rules: decision.hits,
    ...(source ? {} : { note: `source "${item.source.id}" is no longer configured: only wire.yaml's rules were run` }),
  };
}

/** One line per item, for people. */
export function formatDryRunRow(r: DryRunRow): string {
  const head = `${r.outcome.toUpperCase().padEnd(7)} ${r.sourceId} ${r.itemId} "${r.headline}"`;
  if (r.decidedBy) {
    return `${head}\n        by ${r.decidedBy.rule} (${r.decidedBy.scope}): ${r.reason} [${r.decidedBy.matched}]`;
  }
  const effects = [
    r.queues ? `queues ${r.queues.join(', ')}` : null,
    r.section ? `section ${r.section}` : null,
    r.categoriesAdded.length ? `tags ${r.categoriesAdded.join(', ')}` : null,
  ].filter(Boolean);
  const by = r.rules.map((h) => `${h.rule} [${h.matched}]`).join('; ');
  const rules = effects.length ? `${head}\n        ${effects.join(', ')} by ${by}` : `${head}\n        no rule matches`;
  const s = r.sameStory;
  if (!s || (s.action === 'publish' && s.matchedBy === 'new group')) return rules;
  const what =
    s.action === 'publish'
      ? 'published'
      : s.action === 'replace'
        ? `published: ${s.reason}`
        : `NOT published: ${s.reason}`;
  return `${rules}\n        same story (group ${s.storyGroup}, ${s.matchedBy}): ${what}`;
}
