/**
 * What to do with an item once its story group is known (pure; the step that applies it is
 * src/pipeline/story-group.ts). Policies, per deployment (`dedupe.policy`):
 * - `mark`: publish every copy; each says which sources also reported the story;
 * - `first`: publish the first copy only; later ones are suppressed with "same story as <id> from <source>";
 * - `prefer` with a list of source ids (most preferred first; unlisted sources rank after every listed one,
 *   equal among themselves): a copy from a source preferred to the one whose copy is published replaces it as
 *   a new version of the group's story; any other copy is suppressed, with the reason.
 * Nothing is dropped silently: every outcome other than publish carries its reason.
 */
export type DedupePolicy = { policy: 'mark' } | { policy: 'first' } | { policy: 'prefer'; prefer: readonly string[] };

export interface GroupMember {
  itemId: string;
  sourceId: string;
}

export interface StoryGroupState {
  id: string;
  /** Every copy seen in the window, oldest first (the new item not included). */
  members: readonly GroupMember[];
  /** The copy whose version is the group's published story (first and prefer); absent when none is. */
  published?: GroupMember;
}

export type DedupeDecision =
  | { action: 'publish'; storyGroup: string; alsoReportedBy: string[] }
  | { action: 'replace'; storyGroup: string; replaces: GroupMember; reason: string }
  | { action: 'suppress'; storyGroup: string; sameAs: GroupMember; reason: string };

function rank(prefer: readonly string[], sourceId: string): number {
  const i = prefer.indexOf(sourceId);
  return i < 0 ? prefer.length : i;
}

export function decide(policy: DedupePolicy, item: GroupMember, group?: StoryGroupState): DedupeDecision {
  if (!group || group.members.length === 0) return { action: 'publish', storyGroup: item.itemId, alsoReportedBy: [] };
  const others = [...new Set(group.members.filter((m) => m.sourceId !== item.sourceId).map((m) => m.sourceId))];
  if (policy.policy === 'mark') return { action: 'publish', storyGroup: group.id, alsoReportedBy: others };
  const current = group.published ?? group.members[0];
  const sameAs = `same story as ${current.itemId} from ${current.sourceId}`;
  if (policy.policy === 'first') return { action: 'suppress', storyGroup: group.id, sameAs: current, reason: sameAs };
  if (!group.published) return { action: 'publish', storyGroup: group.id, alsoReportedBy: others };
  if (rank(policy.prefer, item.sourceId) < rank(policy.prefer, current.sourceId)) {
    return {
      action: 'replace',
      storyGroup: group.id,
      replaces: current,
      reason: `preferred source ${item.sourceId} replaces ${current.itemId} from ${current.sourceId}`,
    };
  }
  return { action: 'suppress', storyGroup: group.id, sameAs: current, reason: `${sameAs} (preferred or earlier)` };
}
