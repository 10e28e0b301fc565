import { describe, expect, it } from 'vitest';
import { ALLOWED_TAGS } from '../../src/extract/sanitize.js';
import { bodyFromHtml } from '../../src/feed/agency/body.js';

describe('agency bodies keep what the sanitiser allows (one allow-list, src/extract/sanitize.ts)', () => {
  const headings = ['h2', 'h3', 'h4', 'h5', 'h6'];
  const table = ['table', 'tbody', 'tr', 'td'];

  it('every allowed element other than headings and table markup passes through as it is', () => {
    const kept = ALLOWED_TAGS.filter((t) => !headings.includes(t) && !table.includes(t));
    expect(kept.length).toBeGreaterThan(15);
    for (const tag of kept) {
      const html =
        tag === 'img'
          ? '<p>Text.</p><img src="https://img.example/a.jpg" alt="A">'
          : tag === 'br'
            ? '<p>One<br>two</p>'
            : `<p>Text.</p><${tag}>Kept words</${tag}>`;
      expect(bodyFromHtml(html), tag).toMatch(new RegExp(`<${tag}[ >/]`));
    }
  });

  it('headings stay headings, a table row becomes a paragraph, anything else is unwrapped to its text', () => {
    expect(bodyFromHtml('<h1>Title</h1><h4>Sub</h4><p>Body.</p>')).toBe('<h2>Title</h2>\n<h4>Sub</h4>\n<p>Body.</p>');
    expect(bodyFromHtml('<table><tr><td>Basic</td><td>19%</td></tr></table>')).toBe('<p>Basic 19%</p>');
    expect(bodyFromHtml('<p>A <span class="x">word</span> <dfn>here</dfn>.</p><script>x()</script>')).toBe(
      '<p>A word here.</p>',
    );
  });
});
