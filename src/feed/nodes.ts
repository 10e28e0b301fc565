/**
 * Reading xml2js nodes, the raw shape rss-parser hands back through custom fields with
 * `keepArray`: an element is either a string (text only, no attributes) or an object with
 * `_` (text), `$` (attributes) and one array per child element name.
 */
export interface XmlElement {
  _?: string;
  $?: Record<string, string>;
  [child: string]: unknown;
}
export type XmlNode = string | XmlElement;

/** The value at `key` as a list of nodes (absent -> empty). */
export function nodeList(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((n): n is XmlNode => typeof n === 'string' || (typeof n === 'object' && n !== null));
}

/** Text content of a node (not trimmed); '' for an element with no text. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : '';
}

export function attrOf(node: XmlNode | undefined, name: string): string | null {
  if (!node || typeof node === 'string') return null;
  const v = node.$?.[name];
  return typeof v === 'string' ? v : null;
}

/** Child elements of a node by (prefixed) name. */
export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node || typeof node === 'string') return [];
  return nodeList(node[name]);
}

/** The first node whose trimmed text is not empty, or undefined. */
export function firstWithText(nodes: XmlNode[]): XmlNode | undefined {
  return nodes.find((n) => textOf(n).trim() !== '');
}

/** Trimmed text of the first node with text, or null. */
export function firstText(nodes: XmlNode[]): string | null {
  const n = firstWithText(nodes);
  return n === undefined ? null : textOf(n).trim();
}
