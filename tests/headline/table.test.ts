import { describe, expect, it } from 'vitest';
import { restyleHeadline } from '../../src/headline/index.js';
import { applyRules, prepareStyle } from '../../src/headline/restyle.js';
import { styleFor } from './fixtures.js';
import { TABLE } from './table.js';

const rows = TABLE.map((row, i) => ({
  ...row,
  name: `${String(i + 1).padStart(3, '0')} ${row.agency}: ${row.headline}`,
}));

describe('agency headline table', () => {
  it('has at least 80 rows from every agency style', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(80);
    const agencies = new Set(TABLE.map((r) => r.agency));
    expect([...agencies].sort()).toEqual(
      ['afp', 'aljazeera', 'anadolu', 'ap', 'irna', 'presstv', 'reuters', 'tass', 'xinhua'].sort(),
    );
  });

  it.each(rows)('$name', (row) => {
    const style = styleFor(row.agency, row.style);
    const result = restyleHeadline(row.headline, style, { body: row.body });
    expect(result.text).toBe(row.expected);
    expect(result.tooLong).toBe(row.tooLong ?? false);
  });
});

describe('idempotence over the whole table', () => {
  it.each(rows)('$name', (row) => {
    const style = styleFor(row.agency, row.style);
    const once = restyleHeadline(row.headline, style, { body: row.body });
    const twice = restyleHeadline(once.text, style, { body: row.body });
    expect(twice.text).toBe(once.text);
    expect(twice.applied).toEqual([]);
    // The rules themselves are idempotent: a single pass over the result changes nothing,
    // so the engine's safety re-run is never what makes this table pass.
    expect(applyRules(once.text, prepareStyle(style, { body: row.body })).changes).toEqual([]);
  });
});

describe('audit trail over the whole table', () => {
  it.each(rows)('$name', (row) => {
    const style = styleFor(row.agency, row.style);
    const { text, applied } = restyleHeadline(row.headline, style, { body: row.body });
    if (text === row.headline) {
      expect(applied).toEqual([]);
      return;
    }
    // A chain: the first change starts from the agency's headline, each change starts where the
    // previous one ended, the last ends at the published headline; no change is a no-op.
    expect(applied[0].before).toBe(row.headline);
    for (let i = 1; i < applied.length; i++) expect(applied[i].before).toBe(applied[i - 1].after);
    expect(applied[applied.length - 1].after).toBe(text);
    for (const change of applied) expect(change.before).not.toBe(change.after);
  });
});
