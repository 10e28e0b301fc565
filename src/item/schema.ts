import { z } from 'zod';

/**
 * The contract with downstream systems. This zod schema is the one definition: the TypeScript type is
 * inferred from it and schema/wire-item.schema.json is generated from it (`npm run schema`; a test checks
 * the committed file matches).
 *
 * Versioning policy: adding an optional field keeps the number (`media-wire/item@2`); removing, renaming or changing the
 * meaning or type of a field bumps the number.
 */
export const WIRE_ITEM_SCHEMA = 'media-wire/item@2' as const;

/** A story's publication status (IPTC pubStatus): what a consumer must do with it (README: The WireItem). */
export const PUB_STATUSES = ['usable', 'withheld', 'canceled'] as const;
export type ItemPubStatus = (typeof PUB_STATUSES)[number];

const IsoDateTime = z.iso.datetime({ offset: true });

export const HeadlineRule = z.object({
  rule: z.string().describe('Name of the house-style rule, e.g. strip, replace, case'),
  before: z.string(),
  after: z.string(),
  detail: z
    .string()
    .optional()
    .describe('Which entry of the rule made the change (the pattern, the replacement, the mode)'),
});

/** One editorial rule (wire.yaml or sources.yaml `rules:`) that matched the item. */
export const EditorialRuleHit = z.object({
  rule: z.string().describe('Name of the rule'),
  scope: z.enum(['global', 'source']).describe('global: wire.yaml; source: the source entry in sources.yaml'),
  action: z.enum(['drop', 'hold', 'route', 'tag']),
  matched: z.string().describe('What matched, condition by condition, e.g. body: "football"'),
});

/** What the editorial rules did to the item (issue 15; kept together so other additions merge cleanly). */
export const EditorialRecord = z.object({
  rules: z.array(EditorialRuleHit).describe('Every rule that matched, in evaluation order'),
  queues: z.array(z.string()).optional().describe('The publish queues route rules chose (absent: every queue)'),
  categoriesAdded: z.array(z.string()).optional().describe('The categories tag rules added (already in categories)'),
  released: z
    .object({ at: IsoDateTime, rule: z.string() })
    .optional()
    .describe('Set when an editor released the item from hold: when, and the hold rule'),
});

export const WireItem = z
  .object({
    schema: z.literal(WIRE_ITEM_SCHEMA),
    id: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .describe(
        "Stable story id: sha256 of source id + canonical URL, or of source id + the agency's id for agency formats (first 128 bits, hex); under dedupe policy first or prefer, the id of the story group's published story (a preferred copy replacing it keeps it)",
      ),
    version: z.number().int().min(1).describe('1 for a new story; rises each time the agency changes it'),
    section: z.string().min(1),
    headline: z.string().min(1).describe('Headline in house style'),
    headlineOriginal: z.string().min(1).describe('Headline as the agency wrote it (plain text)'),
    headlineRules: z.array(HeadlineRule).describe('Every change the house-style rules made, in order'),
    headlineTooLong: z.boolean().describe('Longer than the configured maxLength (never truncated)'),
    summary: z.string().nullable(),
    body: z.object({
      paragraphs: z.array(z.string().min(1)).min(1).describe('Verbatim text blocks of the report, in order'),
      html: z.string().describe('Safe HTML of the same blocks (no script, style, iframe or event attributes)'),
      text: z.string().min(1).describe('paragraphs joined by blank lines'),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe('sha256 of text (UTF-8), hex'),
      origin: z.enum(['page', 'feed']).describe('page: extracted from the article page; feed: the feed content'),
      method: z.enum(['selector', 'itemprop', 'json-ld', 'scoring', 'feed']).describe('How the body was found'),
    }),
    source: z.object({
      id: z.string(),
      name: z.string().min(1),
      url: z.url().describe('Canonical URL of the original report'),
      feedUrl: z.url(),
      guid: z.string().describe("The feed entry's id"),
    }),
    publishedAt: IsoDateTime.nullable(),
    updatedAt: IsoDateTime.nullable(),
    byline: z.string().nullable(),
    language: z.string().nullable(),
    image: z.url().nullable().describe('Lead image URL'),
    categories: z.array(z.string()),
    attribution: z.object({
      disclaimer: z.string().min(1),
      footer: z.string().min(1).describe('Rendered line naming the source and its URL'),
    }),
    ingest: z.object({
      fetchedAt: IsoDateTime,
      extractor: z.string().describe('Name and version of the extractor that produced the body'),
    }),
    editorial: EditorialRecord.optional().describe('Editorial rules that touched the item; absent when none matched'),
    // The same story from several sources (issue 15, dedupe in wire.yaml): optional, item@2.
    storyGroup: z
      .string()
      .optional()
      .describe(
        'Story group id (the id of the first copy seen): copies of one story from several sources share it; absent when grouping is off',
      ),
    alsoReportedBy: z
      .array(
        z.object({
          sourceId: z.string(),
          sourceName: z.string(),
          itemId: z.string().describe("That copy's own item id"),
          url: z.string().describe("That copy's canonical URL"),
        }),
      )
      .optional()
      .describe('The other copies of the story seen before this version (oldest first); absent when grouping is off'),
    // Story lifecycle (issue 14), grouped: item@2.
    pubStatus: z
      .enum(PUB_STATUSES)
      .describe(
        'usable: publish or replace; withheld: hide the story until a later usable version; canceled: take it down (killed)',
      ),
    lifecycle: z
      .object({
        agencyId: z.string().nullable().describe("The agency's own id of the story (agency formats), else null"),
        agencyVersion: z.string().nullable().describe("The agency's version as written, else null"),
        note: z
          .string()
          .nullable()
          .describe("Why the status changed: the agency's editorial note, or the operator's reason; not for readers"),
        withdrawnBy: z.string().nullable().describe('The operator who withdrew the story (wire withdraw), else null'),
        urgency: z
          .number()
          .int()
          .min(1)
          .max(9)
          .nullable()
          .describe("The agency's urgency, 1 (flash) to 9; 1 and 2 go to the front of the queues"),
        correction: z
          .boolean()
          .describe(
            'This version corrects an earlier one (agency correction signal, edStat, or a note saying so): replace the body',
          ),
        update: z.boolean().describe('This version updates an earlier one (writethru, update signal)'),
        credit: z.string().nullable().describe("The agency's credit line, else null"),
        copyright: z.string().nullable().describe("The agency's copyright line, else null"),
        usageTerms: z.string().nullable().describe("The agency's usage terms, else null"),
        images: z
          .array(z.object({ href: z.url(), caption: z.string().nullable(), credit: z.string().nullable() }))
          .describe('Agency pictures with their captions and credits'),
      })
      .describe('Where the status comes from, and the agency attribution'),
    ninjs: z
      .looseObject({ uri: z.string() })
      .optional()
      .describe('The IPTC ninjs 2.1 form of this item, carried in publish jobs when publish.ninjs is on'),
  })
  .describe('A publish-ready Media Wire item');

export type WireItem = z.infer<typeof WireItem>;
export type HeadlineRule = z.infer<typeof HeadlineRule>;
export type EditorialRecord = z.infer<typeof EditorialRecord>;

/**
 * The JSON Schema of the payload, as written to schema/wire-item.schema.json. Objects allow properties
 * they do not list (`io: 'input'` leaves out additionalProperties: false), so a consumer validating with
 * it keeps working when a later release adds an optional field, as the versioning policy promises.
 */
export function wireItemJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://media-wire.dev/schema/wire-item-2.json',
    title: 'WireItem',
    ...z.toJSONSchema(WireItem, { target: 'draft-2020-12', io: 'input' }),
  };
}
