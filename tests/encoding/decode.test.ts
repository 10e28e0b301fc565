import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeXml, detectHtmlCharset, detectXmlCharset } from '../../src/encoding/decode.js';
import { normalizeCharset } from '../../src/encoding/charset.js';

const RU = 'Новости: «Кремль» — ТАСС сообщает';
const AR = 'أخبار عاجلة: الرئيس يعلن';
const FR = 'Actualité : Zürich, São Paulo, Ñandú';

function rss(title: string, encoding?: string): string {
  const decl = encoding ? `<?xml version="1.0" encoding="${encoding}"?>\n` : '';
  return `${decl}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;
}

const enc = (s: string, charset: string) => new Uint8Array(iconv.encode(s, charset));

describe('decodeXml', () => {
  it('reads windows-1251 from the XML declaration', () => {
    expect(decodeXml(enc(rss(RU, 'windows-1251'), 'windows-1251'))).toContain(RU);
  });

  it('reads windows-1251 from the HTTP header when there is no declaration', () => {
    const bytes = enc(rss(RU), 'windows-1251');
    expect(detectXmlCharset(bytes, 'text/xml; charset=windows-1251')).toEqual({
      charset: 'windows-1251',
      source: 'http',
    });
    expect(decodeXml(bytes, 'text/xml; charset=windows-1251')).toContain(RU);
  });

  it('reads windows-1256 (Arabic)', () => {
    expect(decodeXml(enc(rss(AR, 'windows-1256'), 'windows-1256'))).toContain(AR);
    expect(decodeXml(enc(rss(AR), 'windows-1256'), 'application/rss+xml; charset="windows-1256"')).toContain(AR);
  });

  it('reads iso-8859-1 as windows-1252, so 0x80-0x9F are smart quotes, not C1 controls', () => {
    expect(decodeXml(enc(rss(FR, 'iso-8859-1'), 'latin1'))).toContain(FR);
    const bytes = new Uint8Array([
      ...Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>l'),
      0x92,
      0x93,
      0x80,
      0x94,
      ...Buffer.from('</t>'),
    ]);
    expect(decodeXml(bytes)).toContain('l’“€”');
  });

  it('honours a UTF-8 byte order mark over a wrong HTTP charset, and drops the mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(rss(RU, 'utf-8'))]);
    const text = decodeXml(bytes, 'text/xml; charset=windows-1251');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain(RU);
  });

  it('reads UTF-16 with and without a byte order mark', () => {
    const doc = rss(RU, 'utf-16');
    const le = enc(doc, 'utf-16le');
    const be = enc(doc, 'utf-16be');
    expect(decodeXml(new Uint8Array([0xff, 0xfe, ...le]))).toContain(RU);
    expect(decodeXml(new Uint8Array([0xfe, 0xff, ...be]))).toContain(RU);
    expect(detectXmlCharset(le).charset).toBe('utf-16le');
    expect(detectXmlCharset(be).charset).toBe('utf-16be');
    expect(decodeXml(le, 'application/xml; charset=utf-8')).toContain(RU);
    expect(decodeXml(be)).toContain(RU);
  });

  describe('header and declaration disagreeing', () => {
    it('header says utf-8, declaration and bytes are windows-1251: the declaration wins', () => {
      const bytes = enc(rss(RU, 'windows-1251'), 'windows-1251');
      expect(detectXmlCharset(bytes, 'text/xml; charset=utf-8')).toEqual({
        charset: 'windows-1251',
        source: 'declaration',
      });
    });

    it('header says windows-1251, declaration and bytes are utf-8: valid UTF-8 wins', () => {
      const bytes = enc(rss(RU, 'utf-8'), 'utf-8');
      expect(decodeXml(bytes, 'text/xml; charset=windows-1251')).toContain(RU);
    });

    it('declaration says utf-8 over windows-1251 bytes: the bytes are read as Cyrillic', () => {
      const bytes = enc(rss(RU, 'utf-8'), 'windows-1251');
      expect(detectXmlCharset(bytes).source).toBe('guess');
      expect(decodeXml(bytes)).toContain(RU);
    });

    it('declaration says utf-8 over latin-1 bytes: windows-1252', () => {
      expect(decodeXml(enc(rss(FR, 'utf-8'), 'latin1'))).toContain(FR);
    });

    it('both labels present and 8-bit: the HTTP header wins (RFC 7303)', () => {
      const bytes = enc(rss('Новости', 'koi8-r'), 'windows-1251');
      expect(decodeXml(bytes, 'text/xml; charset=windows-1251')).toContain('Новости');
    });

    it('a server-default ISO-8859-1 header loses to a declaration naming another charset', () => {
      const bytes = enc(rss(RU, 'windows-1251'), 'windows-1251');
      expect(detectXmlCharset(bytes, 'text/xml; charset=ISO-8859-1')).toEqual({
        charset: 'windows-1251',
        source: 'declaration',
      });
    });
  });

  it('keeps a UTF-8 feed UTF-8 despite one stray byte', () => {
    const good = Buffer.from(rss(`${RU} ${RU} ${RU}`, 'utf-8'));
    const bytes = new Uint8Array([...good.subarray(0, 60), 0xff, ...good.subarray(60)]);
    expect(detectXmlCharset(bytes).charset).toBe('utf-8');
  });

  it('falls back to windows-1252 for undeclared Western text', () => {
    expect(detectXmlCharset(enc(rss(FR), 'windows-1252'))).toEqual({ charset: 'windows-1252', source: 'guess' });
  });

  it('maps common charset aliases', () => {
    expect(normalizeCharset('cp1251')).toBe('windows-1251');
    expect(normalizeCharset('x-sjis')).toBe('cp932');
    expect(normalizeCharset('Shift_JIS')).toBe('cp932');
    expect(normalizeCharset('gb2312')).toBe('gb18030');
    expect(normalizeCharset('GBK')).toBe('gb18030');
    expect(normalizeCharset('euc-kr')).toBe('cp949');
    expect(normalizeCharset('big5')).toBe('big5hkscs');
    expect(normalizeCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeCharset('"UTF8"')).toBe('utf-8');
    expect(normalizeCharset('no-such-charset')).toBeNull();
    const sjis = enc(rss('ニュース：東京で地震'), 'shift_jis');
    expect(decodeXml(sjis, 'text/xml; charset=x-sjis')).toContain('ニュース：東京で地震');
    const gbk = enc(rss('新闻：北京今日天气'), 'gbk');
    expect(decodeXml(gbk, 'text/xml; charset=gb2312')).toContain('新闻：北京今日天气');
  });

  it('skips an unknown label and carries on to the next clue', () => {
    const bytes = enc(rss(RU, 'windows-1251'), 'windows-1251');
    expect(detectXmlCharset(bytes, 'text/xml; charset=bogus').source).toBe('declaration');
  });
});

describe('decodeHtml', () => {
  const page = (head: string, body: string) =>
    `<!DOCTYPE html><html><head>${head}<title>${body}</title></head><body>${body}</body></html>`;

  it('uses the HTTP charset first', () => {
    const bytes = enc(page('<meta charset="iso-8859-1">', RU), 'windows-1251');
    expect(detectHtmlCharset(bytes, 'text/html; charset=windows-1251')).toEqual({
      charset: 'windows-1251',
      source: 'http',
    });
  });

  it('reads <meta charset> and <meta http-equiv>', () => {
    expect(decodeHtml(enc(page('<meta charset="windows-1256">', AR), 'windows-1256'))).toContain(AR);
    const equiv = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">';
    expect(decodeHtml(enc(page(equiv, RU), 'windows-1251'), 'text/html')).toContain(RU);
  });

  it('finds a meta charset after the first 1024 bytes (within 4096), ignoring commented-out ones', () => {
    const padding = `<!-- ${'x'.repeat(1500)} <meta charset="koi8-r"> -->`;
    const bytes = enc(
      `<!DOCTYPE html><html>${padding}<head><meta charset="iso-8859-1"><title>${FR}</title></head></html>`,
      'latin1',
    );
    expect(detectHtmlCharset(bytes)).toEqual({ charset: 'windows-1252', source: 'meta' });
    expect(decodeHtml(bytes)).toContain(FR);
  });

  it('BOM beats everything; valid UTF-8 beats the windows-1252 fallback', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(page('', RU))]);
    expect(decodeHtml(bom, 'text/html; charset=windows-1251')).toContain(RU);
    expect(detectHtmlCharset(Buffer.from(page('', FR)))).toEqual({ charset: 'utf-8', source: 'utf8' });
    expect(detectHtmlCharset(enc(page('', FR), 'latin1'))).toEqual({ charset: 'windows-1252', source: 'guess' });
  });

  it('ignores a header claiming utf-8 over bytes that are not', () => {
    const bytes = enc(page('<meta charset="windows-1251">', RU), 'windows-1251');
    expect(decodeHtml(bytes, 'text/html; charset=utf-8')).toContain(RU);
  });
});
