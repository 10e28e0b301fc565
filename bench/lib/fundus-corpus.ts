/** Loads the Fundus extraction corpus (html/<id>.html.gz + ground-truth.json), see its README. */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface CorpusPage {
  id: string;
  url: string;
  html: string;
  /** Paragraphs joined by blank lines, optional ([...]) ones included without brackets. */
  articleBody: string;
  /** Ground-truth paragraphs as published: optional ones still wrapped in [ ]. */
  paragraphs: string[];
}

interface TruthEntry {
  articleBody: string;
  paragraphs: string[];
  url: string;
}

export function corpusExists(dir: string): boolean {
  return existsSync(join(dir, 'ground-truth.json')) && existsSync(join(dir, 'html'));
}

export function loadCorpus(dir: string): CorpusPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, TruthEntry>;
  const files = readdirSync(join(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort();
  return files.map((file) => {
    const id = file.slice(0, -'.html.gz'.length);
    const entry = truth[id];
    if (!entry) throw new Error(`no ground truth for ${id}`);
    const html = gunzipSync(readFileSync(join(dir, 'html', file))).toString('utf8');
    return { id, url: entry.url, html, articleBody: entry.articleBody, paragraphs: entry.paragraphs };
  });
}
