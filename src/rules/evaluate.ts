import { compileCondition, type ConditionMatcher, type RuleSubject } from './match.js';
import type { EditorialRule, RuleAction } from './schema.js';

/** Where a rule comes from: wire.yaml (every source) or the item's source in sources.yaml. */
export type RuleScope = 'global' | 'source';

/** One rule that matched an item, as recorded on the item and in drop and hold records. */
export interface RuleHit {
  rule: string;
  scope: RuleScope;
  action: RuleAction;
  /** What matched, condition by condition: `headline: "horoscope"; not source: "ap"`. */
  matched: string;
}

/** What the rules decided for an item. */
export interface RuleDecision {
  /** publish (possibly routed and tagged), drop, or hold for an editor. */
  outcome: 'publish' | 'drop' | 'hold';
  /** The drop or hold rule that decided; null when the item is published. */
  decidedBy: RuleHit | null;
  /** The drop or hold rule's reason (its name when it gives none). */
  reason: string | null;
  /** Every rule that matched, in evaluation order (the deciding rule last). */
  hits: RuleHit[];
  /** Publish queues chosen by route rules (every route rule's, in order); null: all configured queues. */
  queues: string[] | null;
  /** Section set by the first matching route rule that gives one; null: unchanged. */
  section: string | null;
  /** Categories added by tag rules, in order, without repeats. */
  categories: string[];
}

interface CompiledRule {
  rule: EditorialRule;
  scope: RuleScope;
  conditions: ConditionMatcher[];
}

const compiled = new WeakMap<EditorialRule, ConditionMatcher[]>();

function conditionsOf(rule: EditorialRule): ConditionMatcher[] {
  let c = compiled.get(rule);
  if (!c) {
    c = rule.when.map(compileCondition);
    compiled.set(rule, c);
  }
  return c;
}

/** The rules that apply to a source's items: wire.yaml's first, then the source's own, each in file order. */
export function rulesFor(global: readonly EditorialRule[], source: readonly EditorialRule[] = []): CompiledRule[] {
  return [
    ...global.map((rule) => ({ rule, scope: 'global' as const, conditions: conditionsOf(rule) })),
    ...source.map((rule) => ({ rule, scope: 'source' as const, conditions: conditionsOf(rule) })),
  ];
}

function matchRule(r: CompiledRule, subject: RuleSubject): string | null {
  const notes: string[] = [];
  for (const c of r.conditions) {
    const note = c.evaluate(subject);
    if (note !== null) {
      notes.push(note);
      if (r.rule.match === 'any') return note;
    } else if (r.rule.match === 'all') {
      return null;
    }
  }
  return r.rule.match === 'all' ? notes.join('; ') : null;
}

/**
 * Runs the rules over one item, in order: wire.yaml's rules, then the source's, each list top to bottom.
 * Route and tag rules that match take effect and evaluation goes on; the first drop or hold rule that
 * matches decides and stops it (later rules are not looked at). Pure: nothing is recorded here.
 */
export function evaluateRules(rules: readonly CompiledRule[], subject: RuleSubject): RuleDecision {
  const decision: RuleDecision = {
    outcome: 'publish',
    decidedBy: null,
    reason: null,
    hits: [],
    queues: null,
    section: null,
    categories: [],
  };
  for (const r of rules) {
    const matched = matchRule(r, subject);
    if (matched === null) continue;
    const { rule } = r;
    const hit: RuleHit = { rule: rule.name, scope: r.scope, action: rule.action, matched };
    decision.hits.push(hit);
    if (rule.action === 'drop' || rule.action === 'hold') {
      decision.outcome = rule.action;
      decision.decidedBy = hit;
      decision.reason = rule.reason ?? rule.name;
      return decision;
    }
    if (rule.action === 'route') {
      if (rule.queues) decision.queues = [...new Set([...(decision.queues ?? []), ...rule.queues])];
      if (rule.section && decision.section === null) decision.section = rule.section;
    } else {
      for (const c of rule.categories ?? []) {
        if (!decision.categories.includes(c) && !subject.categories.includes(c)) decision.categories.push(c);
      }
    }
  }
  return decision;
}
