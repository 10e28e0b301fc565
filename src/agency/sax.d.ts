/** The part of sax (the XML parser under rss-parser/xml2js) that src/agency uses. */
declare module 'sax' {
  interface SaxTag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  interface SaxParser {
    line: number;
    column: number;
    onopentag: (tag: SaxTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (err: Error) => void;
    write(chunk: string): SaxParser;
    close(): SaxParser;
  }
  function parser(strict: boolean, opts?: { trim?: boolean; normalize?: boolean; position?: boolean; xmlns?: boolean }): SaxParser;
  const sax: { parser: typeof parser };
  export default sax;
}
