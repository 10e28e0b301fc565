import { describe, expect, it } from 'vitest';
import { decide, type DedupePolicy, type GroupMember, type StoryGroupState } from '../../src/dedupe/policy.js';

const a: GroupMember = { itemId: 'a1', sourceId: 'agency-a' };
const b: GroupMember = { itemId: 'b1', sourceId: 'site-b' };
const c: GroupMember = { itemId: 'c1', sourceId: 'agency-c' };

/** Runs copies through a policy in arrival order, keeping the group as the step will; returns what is published. */
function run(policy: DedupePolicy, arrivals: GroupMember[]) {
  let group: StoryGroupState | undefined;
  const published: string[] = [];
  const reasons: string[] = [];
  for (const item of arrivals) {
    const d = decide(policy, item, group);
    if (d.action === 'publish' || d.action === 'replace') published.push(item.itemId);
    if (d.action !== 'publish') reasons.push(`${item.itemId}: ${d.reason}`);
    const publishedNow =
      d.action === 'publish' ? (group?.published ?? item) : d.action === 'replace' ? item : group?.published;
    group = { id: d.storyGroup, members: [...(group?.members ?? []), item], published: publishedNow };
  }
  return { published, reasons, group };
}

describe('dedupe policies', () => {
  it('a story seen once is published in a group of its own', () => {
    expect(decide({ policy: 'first' }, a)).toEqual({ action: 'publish', storyGroup: 'a1', alsoReportedBy: [] });
  });

  it('mark: every copy published, each with the group id and the other sources', () => {
    const r = run({ policy: 'mark' }, [a, b, c]);
    expect(r.published).toEqual(['a1', 'b1', 'c1']);
    expect(r.reasons).toEqual([]);
    expect(decide({ policy: 'mark' }, c, { id: 'a1', members: [a, b] })).toEqual({
      action: 'publish',
      storyGroup: 'a1',
      alsoReportedBy: ['agency-a', 'site-b'],
    });
  });

  it('first: only the first copy, the others suppressed with "same story as <id> from <source>"', () => {
    const r = run({ policy: 'first' }, [b, a, c]);
    expect(r.published).toEqual(['b1']);
    expect(r.reasons).toEqual(['a1: same story as b1 from site-b', 'c1: same story as b1 from site-b']);
  });

  it('prefer: a preferred source replaces a less preferred copy published earlier, never the reverse', () => {
    const policy: DedupePolicy = { policy: 'prefer', prefer: ['agency-a', 'agency-c'] };
    const r = run(policy, [b, c, a]);
    expect(r.published).toEqual(['b1', 'c1', 'a1']);
    expect(r.reasons).toEqual([
      'c1: preferred source agency-c replaces b1 from site-b',
      'a1: preferred source agency-a replaces c1 from agency-c',
    ]);
    const r2 = run(policy, [a, c, b]);
    expect(r2.published).toEqual(['a1']);
    expect(r2.reasons).toEqual([
      'c1: same story as a1 from agency-a (preferred or earlier)',
      'b1: same story as a1 from agency-a (preferred or earlier)',
    ]);
  });

  it('prefer: two unlisted sources rank equal, so the earlier copy stays', () => {
    const d = decide({ policy: 'prefer', prefer: ['agency-a'] }, c, { id: 'b1', members: [b], published: b });
    expect(d).toMatchObject({ action: 'suppress', sameAs: b });
  });
});
