export { decodeXml, decodeHtml, decodeWith, detectXmlCharset, detectHtmlCharset } from './decode.js';
export type { CharsetDecision, CharsetSource } from './decode.js';
export { normalizeCharset, charsetParam } from './charset.js';
