export {
  HeadlineStyle,
  Replacement,
  StripPattern,
  mergeHeadlineStyles,
  parseRegexLiteral,
  type HeadlineChange,
  type RestyleContext,
  type RestyledHeadline,
} from './style.js';
export { restyleHeadline, headlineLength, type RuleName } from './restyle.js';
