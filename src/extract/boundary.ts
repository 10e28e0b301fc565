/**
 * Where the story stops. Templates put their add-ons inside the same container as the article,
 * after it: "Related" / "Mehr zum Thema" / "Lire aussi" sections, teaser lists (headline, date,
 * headline, date ...), comment threads, author boxes. A reader sees the story end there; the
 * body ends there too.
 *
 * Two signals, both generic: a section heading whose words say "other content follows" (in the
 * languages news sites are written in), and a run of link-dense or date-only short blocks. The
 * body is only cut when enough story text comes before the boundary, so a heading near the top
 * (a "Related" box floated into the first paragraphs) cannot empty the article.
 */
import type { Block } from './blocks.js';
import { GOOD_UNIT_CHARS } from './stats.js';
import { opensAddOn } from './addons.js';

/**
 * Section headings that introduce other content. Matched against the whole (short) line, from its
 * start, case-folded; a heading may go on ("More from Sport", "Mehr zu Klima und Konsum").
 */
const SECTION_AFTER_STORY = new RegExp(
  '^(?:' +
    [
      // English
      'related(?: (?:articles?|stories|posts?|content|coverage|reading|news|links|topics|videos?))?(?:$|\\W)',
      'more (?:from|on|in|about|stories|articles|news|like this|to (?:explore|read)|reading|posts)\\b',
      'read (?:more|next|also|this next|further)\\b',
      'also read\\b',
      'further reading\\b',
      'keep reading\\b',
      'what to read next',
      'you (?:may|might|could) also (?:like|enjoy|be interested)',
      'recommended(?: for you| reading| stories| articles)?(?:$|\\W)',
      'see also\\b',
      'up next\\b',
      'most (?:read|popular|viewed|shared|commented)\\b',
      'trending(?: now| stories)?$',
      'latest (?:news|stories|articles|posts)\\b',
      '(?:popular|similar|other|recent) (?:posts|stories|articles|news)\\b',
      "don['’]t miss\\b",
      'top stories\\b',
      'in case you missed it',
      "editor['’]?s picks?\\b",
      'around the web\\b',
      '(?:\\d+ )?(?:comments?|responses?|replies)$',
      'leave a (?:reply|comment)',
      'join the (?:conversation|discussion)',
      'about the authors?$',
      'share this(?: (?:article|story|post))?$',
      // German
      '(?:ähnliche|verwandte|passende|themenverwandte|beliebte|empfohlene) (?:beiträge|artikel|themen|nachrichten|posts|meldungen|inhalte)\\b',
      'auch interessant',
      '(?:das|dieses) thema (?:könnte|dürfte) (?:dich|sie) (?:auch )?interessieren',
      'über diese (?:reihe|serie)$',
      'das (?:könnte|dürfte) (?:dich|sie|ihnen|euch) (?:auch |ebenfalls )?(?:interessieren|gefallen)',
      'dies(?:e artikel)? (?:könnte|könnten) (?:dich|sie) (?:auch )?interessieren',
      'lesen sie (?:auch|mehr|weiter|jetzt)\\b',
      'lies auch\\b',
      'mehr (?:zum thema|zu(?:m|r)? |aus |von |über |artikel|beiträge|nachrichten|news|dazu|lesen)',
      'weitere (?:aktuelle |interessante )?(?:artikel|beiträge|nachrichten|themen|meldungen|news|berichte|texte|inhalte)\\b',
      'weitere informationen(?: zu[mr]?\\b.*)?$',
      'alle (?:nachrichten|artikel|beiträge|news|meldungen)\\b',
      '(?:vorschau auf den )?nächsten? (?:artikel|beitrag)\\b',
      'empfehlungen(?: aus\\b.*)?$',
      'kommentieren$',
      'ansprechpartner(?:in)?(?:nen)?\\b',
      '(?:presse)?kontakt$',
      'originalpublikation$',
      'contact(?: us)?$',
      'further information$',
      'more information$',
      'meist ?gelesen',
      'meistgeklickt',
      '(?:aktuellste|neueste|letzte) (?:beiträge|artikel|nachrichten|meldungen)\\b',
      'schon gelesen',
      'lust auf mehr',
      'zum weiterlesen',
      'auch lesenswert',
      'passend (?:dazu|zum thema)',
      'top-?themen$',
      'unsere empfehlung(?:en)?\\b',
      '(?:\\d+ )?kommentare?$',
      '(?:keine )?kommentare?(?: \\(\\d+\\))?$',
      '(?:hinterlasse|schreibe?) (?:einen|deinen|ihren) kommentar',
      'über (?:den|die) autor(?:in)?(?:nen)?$',
      'zur person$',
      '(?:diesen )?(?:artikel|beitrag) teilen',
      // French
      '(?:à |a )?lire (?:aussi|également|egalement)\\b',
      'sur le même (?:sujet|thème)',
      '(?:articles?|contenus?|billets?) (?:similaires|liés|associés|connexes|recommandés)\\b',
      'dans la même rubrique',
      'voir aussi\\b',
      'les plus (?:lus|populaires|partagés|commentés)\\b',
      'à (?:découvrir|voir) (?:aussi|également)',
      'vous (?:aimerez|pourriez aimer|aimerez aussi)',
      'découvrez aussi',
      '(?:derniers|autres) articles\\b',
      'dernières (?:nouvelles|actualités|infos)\\b',
      '(?:\\d+ )?commentaires?$',
      'laisser un commentaire',
      "à propos de l['’]auteur",
      // Spanish, Portuguese, Italian
      '(?:notas|noticias|artículos|articulos|entradas|publicaciones|contenidos?) (?:relacionad[oa]s|similares)\\b',
      'le[ae] (?:también|tambien)\\b',
      'ver (?:también|tambien)\\b',
      '(?:también |tambien )?(?:te|le) (?:puede|podría|podria) interesar',
      'lo más (?:leído|visto|leido)',
      'más (?:leídas|leídos|noticias|populares|artículos)\\b',
      'últimas noticias\\b',
      'otras noticias\\b',
      'contenido relacionado',
      '(?:\\d+ )?comentarios?$',
      'deja (?:un|tu) comentario',
      'veja (?:também|tambem)\\b',
      'leia (?:também|tambem|mais)\\b',
      '(?:notícias|matérias|artigos|posts) relacionad[oa]s',
      'mais (?:lidas|lidos|notícias)\\b',
      'você (?:também )?pode gostar',
      'últimas notícias',
      'leggi anche\\b',
      '(?:articoli|notizie) (?:correlat[ie]|simili)\\b',
      '(?:ti )?potrebbe (?:anche )?interessar(?:ti|e)',
      '(?:i )?più lett[ie]\\b',
      'ultime notizie\\b',
      'altri articoli\\b',
      'vedi anche\\b',
      // Dutch, Scandinavian, Polish, Turkish
      'lees (?:ook|meer)\\b',
      'gerelateerde (?:artikelen|berichten)',
      'meest gelezen',
      'meer (?:nieuws|artikelen)\\b',
      'les (?:også|mer)\\b',
      'läs (?:också|även|mer)\\b',
      'relatert(?:e)? (?:artikler|saker)',
      'relaterade artiklar',
      'mest (?:lest|lästa)\\b',
      'se (?:også|även)\\b',
      'czytaj (?:też|także|również|więcej)',
      'zobacz (?:też|także|również)',
      '(?:podobne|powiązane) (?:artykuły|wpisy|tematy)',
      'polecamy\\b',
      'najczęściej czytane',
      'najnowsze (?:artykuły|wiadomości)',
      'ilgili (?:haberler|yazılar)',
      'benzer (?:haberler|yazılar)',
      'bunlar da ilginizi çekebilir',
      'en çok okunan',
      // Russian, Chinese, Japanese, Arabic
      'читайте (?:также|тоже)',
      'похожие (?:статьи|новости|записи)',
      'по теме$',
      '(?:другие|ещё|еще) (?:новости|статьи)',
      'самое (?:читаемое|популярное)',
      'смотрите также',
      '相[关關](?:文章|阅读|閱讀|新闻|新聞|推荐|推薦|内容|內容|报道|報導|链接|連結)?(?:$|\\W)',
      '延伸[阅閱][读讀]',
      '推[荐薦][阅閱][读讀]',
      '[热熱][门門](?:文章|新闻|新聞)',
      '猜你喜[欢歡]',
      '更多(?:文章|新闻|新聞|阅读|閱讀|内容|內容)',
      '関連(?:記事|ニュース)',
      'あわせて読みたい',
      'おすすめ記事',
      '人気記事',
      '(?:مقالات|أخبار|مواضيع|اخبار) (?:ذات صلة|مشابهة|متعلقة|قد تهمك)',
      'اقرأ (?:أيضا|أيضاً|ايضا|ايضاً)',
      'الأكثر (?:قراءة|مشاهدة)',
      'قد يهمك',
      'المزيد من',
    ].join('|') +
    ')',
  'iu',
);

/** Longest line read as a section heading. */
const HEADING_CHARS = 80;

/**
 * A short line that introduces other content: a heading, or a one-line label the template styles
 * as one. The words must be the whole line, or be followed by a few words of topic ("More from
 * Sport"); "Read more: <headline>" is one inline teaser, not a section.
 */
export function isSectionAfterStory(b: Block): boolean {
  if (b.kind === 'image' || b.kind === 'caption' || b.chars > HEADING_CHARS) return false;
  const text = b.text.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '').toLowerCase();
  if (!text) return false;
  const m = SECTION_AFTER_STORY.exec(text);
  if (!m) return false;
  const rest = text.slice(m[0].length);
  if (/[:|]\s*\S/.test(rest)) return false;
  return rest.split(/\s+/).filter(Boolean).length <= 4;
}

/** A magazine's promo for its current issue: a box that templates drop anywhere, mid-story too. */
const ISSUE_PROMO =
  /^(?:(?:current|latest|this month['’]s) (?:issue|edition)|in this issue|(?:die )?aktuelle ausgabe|im aktuellen heft|(?:le )?numéro (?:du mois|en cours)|(?:el )?último número)$/iu;

/** A heading that announces other content: a section after the story, or an issue promo. */
export function isPromoHeading(b: Block): boolean {
  if (b.kind !== 'heading') return false;
  return isSectionAfterStory(b) || ISSUE_PROMO.test(b.text.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, ''));
}

function isStoryText(b: Block): boolean {
  return (
    b.kind !== 'heading' &&
    b.kind !== 'image' &&
    b.kind !== 'caption' &&
    b.chars - b.linkChars >= GOOD_UNIT_CHARS &&
    b.linkChars < 0.4 * b.chars
  );
}

function storyChars(b: Block): number {
  return isStoryText(b) ? b.chars - b.linkChars : 0;
}

/**
 * Blocks up to where the story stops: the first boundary with at least MIN_BEFORE characters of
 * story text before it, and less story text after it than before (a "Related" box floated into
 * the story's first paragraphs is not where it ends).
 */
export function cutAtStoryEnd(blocks: Block[]): Block[] {
  const total = blocks.reduce((n, b) => n + storyChars(b), 0);
  let before = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const after = total - before;
    const boundary =
      (isSectionAfterStory(b) && after < before) ||
      (opensAddOn(b) && after < 0.25 * before) ||
      startsTeaserRun(blocks, i, before);
    if (before >= MIN_BEFORE && boundary) {
      return blocks.slice(0, i);
    }
    before += storyChars(b);
  }
  return blocks;
}

const MIN_BEFORE = 200;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'januar',
  'februar',
  'märz',
  'mai',
  'juni',
  'juli',
  'oktober',
  'dezember',
  'jänner',
  'mär',
  'okt',
  'dez',
  'janvier',
  'février',
  'mars',
  'avril',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
  'janv',
  'févr',
  'avr',
  'juil',
  'déc',
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'setiembre',
  'octubre',
  'noviembre',
  'diciembre',
  'ene',
  'abr',
  'ago',
  'dic',
  'janeiro',
  'fevereiro',
  'março',
  'maio',
  'junho',
  'julho',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
  'gennaio',
  'febbraio',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'settembre',
  'ottobre',
  'dicembre',
  'januari',
  'februari',
  'maart',
  'mei',
  'augustus',
  'stycznia',
  'lutego',
  'marca',
  'kwietnia',
  'maja',
  'czerwca',
  'lipca',
  'sierpnia',
  'września',
  'października',
  'listopada',
  'grudnia',
];
const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'montag',
  'dienstag',
  'mittwoch',
  'donnerstag',
  'freitag',
  'samstag',
  'sonntag',
  'mo',
  'di',
  'mi',
  'do',
  'fr',
  'sa',
  'so',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
  'lunes',
  'martes',
  'miércoles',
  'jueves',
  'viernes',
  'sábado',
  'domingo',
  'segunda',
  'terça',
  'quarta',
  'quinta',
  'sexta',
  'feira',
  'lunedì',
  'martedì',
  'mercoledì',
  'giovedì',
  'venerdì',
  'sabato',
  'domenica',
];
/** Words that join the parts of a written date or time ("21. März 2024 um 10:00 Uhr", "le 3 mai 2024 à 10h"). */
const DATE_GLUE = [
  'am',
  'um',
  'uhr',
  'at',
  'on',
  'the',
  'of',
  'de',
  'del',
  'à',
  'a',
  'le',
  'el',
  'h',
  'am',
  'pm',
  'a.m',
  'p.m',
  'utc',
  'gmt',
  'cet',
  'cest',
  'et',
  'est',
  'edt',
  'pst',
  'pdt',
  'r',
  'rok',
  'roku',
];
const DATE_WORDS = new Set([...MONTHS, ...WEEKDAYS, ...DATE_GLUE]);
const NUMERIC_DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const YEAR = /^(?:19|20)\d{2}$/;

/**
 * A date (and maybe a time) alone on its line: "February 29, 2024", "01.12.2022", "Jueves 21 abril,
 * 2022", "2024-03-01 10:15". Teaser lists are made of them; in a story they are page furniture.
 */
export function isDateAlone(text: string): boolean {
  if (text.length > 48) return false;
  const words = text
    .toLowerCase()
    .split(/[\s,|·•–—()]+/)
    .map((w) => w.replace(/^[.:]+|[.:]+$/g, ''))
    .filter(Boolean);
  if (words.length === 0) return false;
  let dated = false;
  let named = false;
  for (const w of words) {
    if (NUMERIC_DATE.test(w) || YEAR.test(w)) dated = true;
    else if (/^\d{1,2}(?:[:.h]\d{2})?(?:st|nd|rd|th|er)?$/.test(w)) continue;
    else if (DATE_WORDS.has(w)) named ||= MONTHS.includes(w);
    else return false;
  }
  return dated || named;
}

function isLinkLine(b: Block): boolean {
  return b.chars > 0 && b.chars <= 200 && b.linkChars >= 0.6 * b.chars;
}

/** A short line that reads as a title (no sentence end): what comes before a teaser's date. */
function isTitleLine(b: Block): boolean {
  return b.kind !== 'image' && b.kind !== 'caption' && b.chars <= 160 && !/[.!?:]$/.test(b.text);
}

/**
 * A list of other stories starts at i: three or more link lines in a row (images aside), or
 * three or more dates alone with at most three blocks between two of them (headline, date,
 * blurb ...; a title line right before the first date belongs to the list). Cut only when less
 * story text follows the list than comes before it.
 */
function startsTeaserRun(blocks: Block[], i: number, before: number): boolean {
  const isText = (b: Block) => b.kind !== 'image' && b.kind !== 'caption';
  let end = -1;
  if (isLinkLine(blocks[i])) {
    let n = 0;
    let j = i;
    for (; j < blocks.length; j++) {
      const b = blocks[j];
      if (!isText(b)) continue;
      if (!isLinkLine(b)) break;
      n++;
      end = j;
    }
    if (n < 3) end = -1;
  }
  if (end < 0) {
    const first = isDateAlone(blocks[i].text)
      ? i
      : blocks[i + 1] && isDateAlone(blocks[i + 1].text) && isTitleLine(blocks[i])
        ? i + 1
        : -1;
    if (first < 0) return false;
    let dates = 0;
    let gap = 0;
    for (let j = first; j < blocks.length; j++) {
      const b = blocks[j];
      if (!isText(b)) continue;
      if (isDateAlone(b.text)) {
        dates++;
        gap = 0;
        end = j;
      } else if (++gap > 3) break;
    }
    if (dates < 3) return false;
  }
  let after = 0;
  for (let j = end + 1; j < blocks.length; j++) after += storyChars(blocks[j]);
  return after < 0.5 * before;
}
