/**
 * Words title case leaves in lowercase (unless first or last, or first after a colon).
 * A fixed list, not grammar: a word is lowered wherever it appears, so the result is predictable.
 *
 * AP (Stylebook, composition titles): articles, and conjunctions and prepositions of three
 * letters or fewer. "up", "off", "out" and "so"/"yet" are left out on purpose: in headlines they
 * are nearly always verb particles or adverbs ("Ramps Up", "Called Off"), which AP capitalises.
 */
export const AP_SMALL_WORDS = new Set([
  'a', 'an', 'the',
  'and', 'but', 'for', 'nor', 'or',
  'as', 'at', 'by', 'in', 'of', 'on', 'per', 'to', 'via', 'vs', 'v',
]);

/**
 * Chicago (Manual of Style 8.159): articles, the coordinating conjunctions and, but, for, or,
 * nor, the words "to" and "as", and prepositions of any length. Same particle exception as AP.
 */
export const CHICAGO_SMALL_WORDS = new Set([
  'a', 'an', 'the',
  'and', 'but', 'for', 'nor', 'or',
  'as', 'to',
  'about', 'above', 'across', 'after', 'against', 'along', 'amid', 'among', 'amongst', 'around',
  'at', 'before', 'behind', 'below', 'beneath', 'beside', 'besides', 'between', 'beyond', 'by',
  'despite', 'during', 'except', 'from', 'in', 'inside', 'into', 'like', 'near', 'of', 'on',
  'onto', 'outside', 'over', 'past', 'per', 'since', 'than', 'through', 'throughout', 'till',
  'toward', 'towards', 'under', 'underneath', 'until', 'unto', 'upon', 'via', 'vs', 'v', 'with',
  'within', 'without',
]);
