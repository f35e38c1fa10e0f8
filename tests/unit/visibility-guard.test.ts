/**
 * One decision, one place: what the public may see of an article is db/visibility.ts's rule
 * (published AND not withheld). A read that tests "published" by hand would show withheld articles,
 * so it is allowed only where seeing them is the point, each listed here with why.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

const SRC = path.resolve(__dirname, '../../src');
const PUBLISHED_BY_HAND = /whereNotNull\(\s*['"`][\w.]*published_at['"`]\s*\)|publishedAt:\s*\{\s*\$notNull:\s*true/;

const ALLOWED: Record<string, string> = {
  'db/visibility.ts': 'the rule itself',
  'db/articles.ts': 'resolves an address to its published article, withheld or not: the 451 answer needs the withheld ones',
  'fingerprints/queries.ts': 'the fingerprint index keeps withheld copies: a later reprint of a withheld story must match them',
  'import/importer.ts': 'the write side: whether a matched article has a published version at all',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'admin' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('only the listed files test "published" by hand; every other read uses db/visibility.ts', () => {
  const byHand = sources(SRC)
    .filter((file) => PUBLISHED_BY_HAND.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    .sort();
  expect(byHand).toEqual(Object.keys(ALLOWED).sort());
});
