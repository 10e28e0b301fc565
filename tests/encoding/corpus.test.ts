import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectXmlCharset } from '../../src/encoding/decode.js';
import { parseFeed } from '../../src/feed/index.js';
import { FEED_CORPUS, HAVE_FEED_CORPUS, NO_CORPUS_MESSAGE } from '../helpers/corpus-path.js';

interface ManifestEntry {
  file: string;
  contentType: string;
  expectedTitle: string;
  note?: string;
}

if (!HAVE_FEED_CORPUS) console.warn(NO_CORPUS_MESSAGE);

describe.skipIf(!HAVE_FEED_CORPUS)('synthetic-encoding corpus (../shared/corpus/feeds/synthetic-encoding)', () => {
  it('every feed decodes to the manifest title, served with the manifest Content-Type', async () => {
    const dir = join(FEED_CORPUS, 'synthetic-encoding');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
    const failures: string[] = [];
    for (const entry of manifest) {
      const bytes = readFileSync(join(dir, entry.file));
      try {
        const feed = await parseFeed(bytes, { url: 'http://example.com/feed.xml', contentType: entry.contentType });
        const titles = [feed.title, feed.items[0]?.title];
        if (titles.some((t) => t !== entry.expectedTitle)) {
          const how = detectXmlCharset(bytes, entry.contentType);
          failures.push(`${entry.file} (${how.charset} from ${how.source}): got ${JSON.stringify(titles)}`);
        }
      } catch (err) {
        failures.push(`${entry.file}: ${(err as Error).message}`);
      }
    }
    const passed = manifest.length - failures.length;
    console.log(`synthetic-encoding: ${passed}/${manifest.length} titles decoded as expected`);
    expect(manifest.length).toBe(67);
    expect(failures).toEqual([]);
  });
});
