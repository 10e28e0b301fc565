import { HeadlineStyle, mergeHeadlineStyles } from '../../src/headline/index.js';

/**
 * The house style a site would write in wire.yaml `headline:`, and per-source overrides as in
 * sources.yaml. Parsed through the schema, so the fixtures are valid config.
 */
export const SITE: HeadlineStyle = HeadlineStyle.parse({
  case: 'sentence',
  properNouns: ['Tehran', 'Hezbollah', 'UN', 'NATO', 'EU', 'IRGC'],
  strip: [
    // Kickers with a colon, in any case ("BREAKING:", "Watch:", "Exclusive:").
    '/^(?:BREAKING(?: NEWS)?|WATCH|LIVE|EXCLUSIVE)\\s*:\\s*/i',
    // Reuters slugs with a dash; case-sensitive, so "Live-streamed ..." is not cut.
    '/^(?:UPDATE \\d+|WRAPUP \\d+|EXCLUSIVE|RPT|REFILE|CORRECTED)-/',
  ],
  replace: [
    { from: 'U.S.', to: 'US' },
    { from: 'U.N.', to: 'UN' },
    { from: 'U.K.', to: 'UK' },
    { from: 'Kiev', to: 'Kyiv' },
    { from: 'pct', to: 'percent' },
    { from: 'govt', to: 'government' },
  ],
  quotes: 'single',
  quoteStyle: 'straight',
  trailingPeriod: 'drop',
  maxLength: 110,
});

export const SOURCES = {
  reuters: { strip: [' - Reuters', ' | Reuters'] },
  ap: { strip: [' | AP News'], replace: [{ from: 'EXPLAINER', to: 'Explainer' }] },
  afp: { strip: [' - France 24'] },
  xinhua: {
    strip: ['/\\s+-\\s+Xinhua$/', ' - 新华网', '新华社快讯：'],
    properNouns: ['Xi Jinping', 'Xinhua Headlines'],
  },
  tass: { strip: ['/ - [^-]+ - TASS$/', ' - ТАСС'] },
  irna: { strip: [' - IRNA English'] },
  aljazeera: { strip: ['/ \\| [^|]+ \\| Al Jazeera$/', ' | Al Jazeera', 'عاجل | '] },
  presstv: { strip: ['PressTV-'] },
  anadolu: { strip: [' - Anadolu Ajansı'] },
} satisfies Record<string, HeadlineStyle>;

export type Agency = keyof typeof SOURCES;

/** Site rules, then the source's, then a row's own override (for the title/quote/keep rows). */
export function styleFor(agency: Agency, override?: HeadlineStyle): HeadlineStyle {
  const source = mergeHeadlineStyles(SITE, HeadlineStyle.parse(SOURCES[agency]));
  return override ? mergeHeadlineStyles(source, HeadlineStyle.parse(override)) : source;
}
