import { describe, expect, it } from 'vitest';
import { absoluteUrl, canonicalizeUrl, isTrackingParam } from '../../src/extract/index.js';

describe('canonicalizeUrl', () => {
  it('strips utm_*, click ids and other tracking parameters, keeps the rest in order', () => {
    expect(
      canonicalizeUrl(
        'https://News.Example.com/a/b?utm_source=x&id=5&fbclid=1&gclid=2&utm_medium=y&page=3&mc_cid=z&_ga=4',
      ),
    ).toBe('https://news.example.com/a/b?id=5&page=3');
  });

  it('drops the fragment and an empty query', () => {
    expect(canonicalizeUrl('https://news.example.com/a?utm_campaign=spring#comments')).toBe(
      'https://news.example.com/a',
    );
  });

  it('leaves non-URLs alone', () => {
    expect(canonicalizeUrl('not a url')).toBe('not a url');
  });

  it('knows tracking parameters case-insensitively', () => {
    expect(isTrackingParam('UTM_Source')).toBe(true);
    expect(isTrackingParam('msclkid')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
  });
});

describe('absoluteUrl', () => {
  it('resolves relative and protocol-relative references, refuses other schemes', () => {
    expect(absoluteUrl('/img/a.jpg', 'https://news.example.com/x/y')).toBe('https://news.example.com/img/a.jpg');
    expect(absoluteUrl('//cdn.example.com/a.jpg', 'https://news.example.com/')).toBe('https://cdn.example.com/a.jpg');
    expect(absoluteUrl('javascript:alert(1)', 'https://news.example.com/')).toBeNull();
    expect(absoluteUrl('', 'https://news.example.com/')).toBeNull();
  });
});
