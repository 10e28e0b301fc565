import { z } from 'zod';
import { parseRegexLiteral } from '../headline/style.js';

/** The item fields a condition can look at (see README "Editorial rules"). */
export const RULE_FIELDS = [
  'headline',
  'headlineOriginal',
  'summary',
  'body',
  'categories',
  'source',
  'language',
  'urgency',
  'byline',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * A term: one word ("horoscope"), a phrase of several words ("star sign"), both matched case-insensitively
 * at word boundaries in any script, or `/source/flags`, a regular expression (checked at config load).
 */
export const RuleTerm = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    const re = parseRegexLiteral(value);
    if (re instanceof Error) ctx.addIssue({ code: 'custom', message: re.message });
  });

const Terms = z.array(RuleTerm).min(1);

/**
 * One condition: the field (or fields: any of them may match) and the terms. `any`: at least one term
 * appears; `all`: every term appears (both given: both must hold). `min`/`max` compare urgency (1 is the
 * most urgent). `not: true` negates the whole condition.
 */
export const RuleCondition = z
  .strictObject({
    field: z.union([z.enum(RULE_FIELDS), z.array(z.enum(RULE_FIELDS)).min(1)]),
    any: Terms.optional(),
    all: Terms.optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    not: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    const fields = Array.isArray(c.field) ? c.field : [c.field];
    if (!c.any && !c.all && c.min === undefined && c.max === undefined) {
      ctx.addIssue({ code: 'custom', message: 'needs any, all, min or max' });
    }
    if ((c.min !== undefined || c.max !== undefined) && fields.some((f) => f !== 'urgency')) {
      ctx.addIssue({ code: 'custom', message: 'min and max only apply to the urgency field' });
    }
  });
export type RuleCondition = z.infer<typeof RuleCondition>;

export const RULE_ACTIONS = ['drop', 'hold', 'route', 'tag'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

const Name = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single dashes');

/**
 * One editorial rule. `when` lists conditions; `match: all` (the default) needs every one, `match: any`
 * one of them. The action: drop (with `reason`), hold (with `reason`), route (`queues` and/or `section`),
 * tag (`categories` added).
 */
export const EditorialRule = z
  .strictObject({
    name: Name.describe('a short unique name such as no-horoscopes'),
    when: z.array(RuleCondition).min(1),
    match: z.enum(['all', 'any']).default('all'),
    action: z.enum(RULE_ACTIONS),
    reason: z.string().trim().min(1).optional(),
    queues: z.array(Name).min(1).optional(),
    section: z.string().trim().min(1).optional(),
    categories: z.array(z.string().trim().min(1)).min(1).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.action === 'route' && !r.queues && !r.section) {
      ctx.addIssue({ code: 'custom', message: 'a route rule needs queues, section or both' });
    }
    if (r.action === 'tag' && !r.categories) ctx.addIssue({ code: 'custom', message: 'a tag rule needs categories' });
    if (r.action !== 'route' && (r.queues || r.section)) {
      ctx.addIssue({ code: 'custom', message: 'queues and section belong to route rules' });
    }
    if (r.action !== 'tag' && r.categories) ctx.addIssue({ code: 'custom', message: 'categories belong to tag rules' });
    if (r.action !== 'drop' && r.action !== 'hold' && r.reason) {
      ctx.addIssue({ code: 'custom', message: 'reason belongs to drop and hold rules' });
    }
  });
export type EditorialRule = z.infer<typeof EditorialRule>;

/** A `rules:` list: names unique within it. */
export const EditorialRules = z.array(EditorialRule).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.name))
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `rule "${r.name}" is defined twice` });
    seen.add(r.name);
  });
});
