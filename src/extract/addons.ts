/**
 * Add-ons templates attach to a story: appeals ("If you enjoyed this post, support our work"),
 * subscription and newsletter boxes, "follow us" and app prompts, share/rate prompts, credits and
 * sources, disclaimers and small print. A reader skips them; the body drops them. Matched from
 * the start of a short line, in the languages of the corpora; each pattern is a phrase used
 * across many sites, never one site's wording.
 */
import type { Block } from './blocks.js';

const P = (parts: string[]) => new RegExp(`^(?:${parts.join('|')})`, 'iu');

/** Prompts to act: follow, subscribe, register, download, donate, share, rate, comment. */
const PROMPT = P([
  // English
  'follow (?:us|@|our)\\b',
  'follow .{0,40}\\bon (?:twitter|facebook|instagram|x|tiktok|linkedin|youtube|telegram|whatsapp|threads|bluesky)\\b',
  'download (?:our|the)\\b.{0,60}\\bapp',
  'for the latest (?:stories|news|updates)',
  'get the latest\\b',
  '(?:subscribe|sign up|register)\\b',
  'join (?:us|our|the) (?:newsletter|mailing|community)',
  'if you (?:enjoyed|liked|found|value|appreciate|like)\\b',
  '(?:please )?(?:support|donate to) (?:us|our|independent)',
  'would you consider (?:supporting|donating)',
  'donate\\b',
  'become a (?:member|supporter|patron)',
  'was this (?:article|post|page|story) (?:helpful|useful)',
  'did you (?:like|enjoy) this',
  'share (?:this|on|via)\\b',
  'rate this\\b',
  'no comments(?: yet)?',
  'be the first to (?:comment|review)',
  'loading\\s?(?:\\.\\.\\.|…)$',
  'you are not logged in',
  'log in to\\b',
  'to (?:view|read) the (?:full|whole|rest of the) (?:story|article)',
  'please subscribe',
  "if you['’]re seeing this message",
  'stay up[- ]to[- ]date\\b',
  'do you want to be informed',
  'sign up for\\b',
  'never miss\\b',
  // German
  'folge?n? (?:uns|sie uns|dem)\\b',
  'jetzt (?:abonnieren|registrieren|spenden|anmelden|kostenlos)',
  '(?:bitte )?registrieren sie sich',
  'abonnieren sie\\b',
  'melden sie sich (?:jetzt |hier )?(?:für|zum) ',
  '(?:unterstützen|unterstütze) (?:sie |du )?(?:uns|unsere)',
  'spenden sie\\b',
  '(?:war|ist) (?:der|dieser) (?:artikel|beitrag) (?:hilfreich|nützlich)',
  '(?:möchten sie|willst du|teilen sie) (?:den|diesen) (?:artikel|beitrag)',
  '(?:den |diesen )?(?:artikel|beitrag) (?:mit anderen )?teilen',
  '(?:noch )?keine (?:bewertungen|kommentare)',
  'sie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)',
  'gefällt (?:dir|ihnen) (?:unser|dieser|der)',
  'du möchtest (?:gerne|mehr)',
  'sie möchten\\b.{0,40}\\?',
  'mit diesem button',
  'kennt ihr schon unser',
  'lust auf mehr',
  'bitte teilen sie uns',
  '(?:rezept|recipe|artikel|article|seite|page) (?:drucken|print)',
  'print (?:this|the|recipe)\\b',
  '.{0,60}(?:als|as) pdf (?:herunterladen|download)',
  'download (?:as )?pdf',
  'pdf herunterladen',
  'submit your letter',
  'jede (?:kleine )?spende',
  'every (?:donation|contribution)',
  // Interface strings a widget prints (and what it loaded after them is not the story either).
  'something went wrong',
  'an error (?:has )?occurred',
  'please (?:try again|reload|refresh)',
  'oops\\b',
  '(?:please )?enable javascript',
  'javascript (?:is )?(?:required|disabled|must be enabled)',
  "your browser (?:does not|doesn['’]t) support",
  'etwas ist schiefgelaufen',
  'ein fehler ist aufgetreten',
  'bitte (?:versuchen sie es|laden sie die seite)',
  "une erreur (?:est survenue|s['’]est produite)",
  'algo sali[óo] mal',
  'se produjo un error',
  // French, Spanish, Portuguese, Italian, Polish
  'suivez[- ]nous',
  'abonnez[- ]vous',
  'inscrivez[- ]vous',
  'soutenez\\b',
  'faites un don',
  'pour lire la suite',
  'partager (?:cet|l[ae]) ',
  'si vous souhaitez (?:soutenir|critiquer|réagir)',
  's[íi]guenos\\b',
  'suscr[íi]bete',
  'hazte (?:miembro|socio)',
  '[úu]nete\\b',
  'apoya (?:nuestro|el periodismo)',
  't[úu] tambi[ée]n puedes',
  '¿ya sabías que',
  '¡?mira lo que tiene',
  'siga[- ]nos',
  'assine\\b',
  'inscreva[- ]se',
  'seguici\\b',
  'iscriviti\\b',
  'abbonati\\b',
  'obserwuj (?:nas|nasz)',
  'zapisz się',
]);

/** Credits, sources, contacts, disclaimers and small print: short lines about the article, not of it. */
const SMALL_PRINT = P([
  '(?:photo|image|picture|video)s?\\s?(?:credit|by|courtesy|source)s?\\b',
  'credits?\\s?:',
  'photograph by\\b',
  'cr[ée]dits? (?:photos?)?\\s?:',
  'titelbild\\s?:',
  'beitragsbild\\b',
  '(?:foto|fotos|bild|bilder|photo|image)\\s?:',
  '(?:quelle|quellen|quellenangaben|source|sources|fuente|fonte|fonti|źródło)\\s?:',
  '(?:the )?views (?:and opinions )?expressed\\b',
  '(?:dieser |der )?beitrag gibt (?:die|nur die) meinung',
  '[\\w.-]+ is not responsible for the (?:opinions|content)',
  'this (?:article|story|content) is the (?:copyrighted )?property',
  'written permission',
  'materiał chroniony prawem',
  '(?:alle )?angaben ohne gewähr',
  'advertising disclosure',
  'bei den (?:verlinkungen|links) handelt es sich',
  '\\*?werbung\\b',
  'this entry was posted\\b',
  'posted in\\b',
  'filed under\\b',
  '(?:tags?|tagged|schlagw[öo]rter|stichw[öo]rter|kategorien?|categor(?:y|ies)|category)\\s?:',
  '(?:pressekontakt|kontakt|contact|telefon|tel\\.|e-mail|email|fax|ansprechpartner(?:in)?)\\s?:',
  'release date\\s?:',
  '(?:aktualisiert|zuletzt aktualisiert|last modified|last updated) (?:am|on)?\\b',
  'zusatzinformationen\\s?:',
  'weitere informationen\\s?:',
  // The signature line of an embedded post: "— Jane Doe (@jane) March 1, 2024".
  '[—–-]\\s?[^()\\n]{1,80}\\(@\\w{1,30}\\)',
]);

/** The line without the bullets, arrows and dashes templates put before a prompt. */
function lead(text: string): string {
  return text.replace(/^[\s»›>•·|/\-–—→▶►([*]+/u, '');
}

/** Disclosures: what the page says about itself, up to a few lines long. */
const DISCLOSURE = P([
  'this (?:post|article|page|story) (?:contains|may contain|includes)\\b',
  'we (?:recommend|review|may earn|earn|receive)\\b.{0,80}\\b(?:commission|compensation|independent|affiliate|advertis)',
  '(?:editorial|affiliate|advertising) disclosure',
  'bei diesem (?:beitrag|artikel|text) handelt es sich um',
  'dieser (?:text|beitrag|artikel) (?:entspricht|wurde|enthält)\\b',
  '(?:dieser )?(?:beitrag|artikel) enthält (?:werbung|affiliate|anzeigen)',
  'cet article (?:contient|peut contenir)',
  'este (?:artículo|post) (?:contiene|puede contener)',
]);

/** A short line that is an add-on: a prompt to act, or small print (credits, sources, disclaimers). */
export function isAddOnLine(b: Block): boolean {
  if (b.kind === 'image' || (b.kind === 'heading' && b.chars > 80)) return false;
  const text = lead(b.text);
  if (b.chars <= 300 && (PROMPT.test(text) || DISCLOSURE.test(text))) return true;
  return b.chars <= 160 && (SMALL_PRINT.test(text) || SMALL_PRINT.test(b.text));
}

/** Prompts that open an add-on box (appeal, subscription, newsletter): what follows them belongs to the box. */
export function opensAddOn(b: Block): boolean {
  return b.kind !== 'image' && b.chars <= 300 && PROMPT.test(lead(b.text));
}
