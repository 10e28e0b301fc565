import { describe, expect, it } from 'vitest';
import { extractArticle, verbatimCheck } from '../../src/extract/index.js';

function rtlPage(paragraphs: string[]): string {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>عاصفة قوية تضرب الساحل | أخبار المثال</title>
<meta property="og:site_name" content="أخبار المثال"></head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">العالم</a></li><li><a href="/sport">رياضة</a></li><li><a href="/econ">اقتصاد</a></li></ul></nav>
<article><h1>عاصفة قوية تضرب الساحل الشمالي وتقطع الكهرباء عن الآلاف</h1>
<div class="share"><a href="#">شارك</a> <a href="#">تغريد</a></div>
<div class="article-body">${paragraphs.map((t) => `<p>${t}</p>`).join('')}</div></article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">أسعار النفط ترتفع بعد انهيار المحادثات</a></li><li><a href="/2">الانتخابات المحلية تقترب وسط توقعات بمشاركة قياسية</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة © 2024 أخبار المثال</p></footer></body></html>`;
}

const ARABIC = [
  'ضربت عاصفة قوية الساحل الشمالي يوم الاثنين، ما أدى إلى انقطاع التيار الكهربائي عن عشرات الآلاف من المنازل وإغراق الشوارع المنخفضة وإغلاق جسرين، بحسب ما أفاد به مسؤولون محليون.',
  'وقالت رئيسة البلدية إن المياه لم تصل إلى هذا المستوى منذ جيل كامل، مضيفة أن السكان تصرفوا بحكمة وغادروا مبكراً، وهو ما أنقذ أرواحاً كثيرة في الأحياء القريبة من البحر.',
  'وأعلنت وكالة إدارة الطوارئ أن الملاجئ في أربع مقاطعات استقبلت أكثر من ألف ومئتي شخص خلال الليل، وأن المدارس ستبقى مغلقة يوم الثلاثاء ريثما يفحص المهندسون الجسور.',
  'ويتوقع خبراء الأرصاد أن تضعف العاصفة مع تحركها نحو البحر بعد ظهر الثلاثاء، لكن الأمطار الغزيرة قد تتسبب في ارتفاع منسوب الأنهار حتى يوم الأربعاء.',
];

const CHINESE = [
  '周一，一场强风暴袭击了北部沿海地区，导致数万户家庭断电，低洼街道被淹，两座桥梁被迫关闭，当地官员表示。',
  '市长在被淹的市政厅外表示，这一代人从未见过如此大的洪水，居民们提前撤离，这挽救了许多生命。',
  '应急管理部门称，四个县的避难所在夜间接收了一千二百多人，周二学校将继续停课，工程师将对桥梁进行检查。',
  '气象部门预计，风暴将于周二下午移向海上并逐渐减弱，但强降雨可能导致河流水位持续上涨至周三。',
];

const RUSSIAN = [
  'Мощный шторм обрушился на северное побережье в понедельник, оставив без электричества десятки тысяч домов, затопив низменные улицы и вынудив закрыть два моста, сообщили власти.',
  '«Мы не видели такой воды целое поколение», — сказала мэр города, стоя у затопленного здания администрации. По её словам, жители поступили правильно и уехали заранее.',
  'Синоптики ожидают, что во вторник шторм ослабнет и уйдёт в море, однако сильные дожди могут поднять уровень рек до среды, сообщила метеослужба.',
];

describe('right-to-left and non-Latin pages', () => {
  it('extracts an Arabic (RTL) article verbatim, with its language', () => {
    const html = rtlPage(ARABIC);
    const a = extractArticle(html, { url: 'https://ar.example.com/news/1' });
    expect(a.paragraphs).toEqual(ARABIC);
    expect(a.metadata.language).toBe('ar');
    expect(a.metadata.siteName).toBe('أخبار المثال');
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });

  it('extracts a Chinese article (no spaces between words, fullwidth punctuation)', () => {
    const html = rtlPage(CHINESE).replace('lang="ar" dir="rtl"', 'lang="zh-CN"');
    const a = extractArticle(html, { url: 'https://zh.example.com/news/1' });
    expect(a.paragraphs).toEqual(CHINESE);
    expect(a.metadata.language).toBe('zh-CN');
  });

  it('extracts a Cyrillic article', () => {
    const html = rtlPage(RUSSIAN).replace('lang="ar" dir="rtl"', 'lang="ru"');
    expect(extractArticle(html, { url: 'https://ru.example.com/news/1' }).paragraphs).toEqual(RUSSIAN);
  });

  it('reads Japanese ruby text without its reading aids (rt/rp), as a reader reads the line', () => {
    const ruby = (base: string, reading: string) => `<ruby>${base}<rp>(</rp><rt>${reading}</rt><rp>)</rp></ruby>`;
    const paragraphs = CHINESE.map((t) => `<p>${ruby(t.slice(0, 2), 'よみがな')}${t.slice(2)}</p>`).join('');
    const html = rtlPage(CHINESE)
      .replace('lang="ar" dir="rtl"', 'lang="ja"')
      .replace(/<article>[\s\S]*<\/article>/, `<article><h1>見出し</h1>${paragraphs}</article>`);
    const a = extractArticle(html, { url: 'https://ja.example.com/news/1' });
    expect(a.paragraphs).toEqual(CHINESE);
    expect(verbatimCheck(html, a.paragraphs).ok).toBe(true);
  });
});
