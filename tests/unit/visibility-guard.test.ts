/**
 * One decision, one place: what the public may see of an article is db/visibility.ts's rule
 * (published AND not withheld). A read that tests "published" by hand would show withheld articles,
 * or drafts, so it is allowed only where the rule cannot be called, each listed here with why; and
 * the published-row form that includes withheld articles is used only where seeing them is the point.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

const SRC = path.resolve(__dirname, '../../src');

/** Every way the code has been seen to ask "is it published": knex, raw SQL, query-engine and filter operators, a status, a flag. */
const PUBLISHED_BY_HAND = [
  /whereNotNull\(\s*['"`][\w.]*published_at['"`]\s*\)/,
  /published_at\s+IS\s+NOT\s+NULL/i,
  /publishedAt:\s*\{\s*(\$notNull|\[`\$\{\w+\}notNull`\]|notNull):\s*true/,
  /publishedAt:\s*\{\s*(\$ne|\$not):\s*null/,
  /\.(findMany|findFirst|findOne|count)\(\{[^;]*?status:\s*['"]published['"]/s,
  /Boolean\([\w.?]*publishedAt\)/,
];

const BY_HAND: Record<string, string> = {
  'db/visibility.ts': 'the rule itself',
  'import/importer.ts': 'the write side: whether a matched article has a published version at all',
  'api/article/controllers/jsonld.ts':
    'reads through the Document Service, whose published-only middleware applies the rule for the public; the status keeps API tokens to the published version',
  'cli/bench-search.ts': 'a benchmark, timing published reads outside any request',
};

/** db/visibility.ts's published row, withheld or not (wherePublished, PUBLISHED_ROW_WHERE). */
const WITHHELD_TOO = /\bwherePublished\(|\bPUBLISHED_ROW_WHERE\b/;

const SEES_WITHHELD: Record<string, string> = {
  'db/visibility.ts': 'the rule itself',
  'db/articles.ts': 'resolves an address to its published article, withheld or not: the 451 answer needs the withheld ones',
  'fingerprints/queries.ts': 'the fingerprint index keeps withheld copies: a later reprint of a withheld story must match them',
  'captures/api-writes.ts': 'the write side: a capture is recorded from the published row, withheld or not',
  'desk/article-desk.ts': "the editor's desk (admin only): an editor sees a withheld story's copies, to restore them",
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'admin' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const filesMatching = (test: (text: string) => boolean) =>
  sources(SRC)
    .filter((file) => test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    .sort();

test('only the listed files test "published" by hand; every other read uses db/visibility.ts', () => {
  expect(filesMatching((text) => PUBLISHED_BY_HAND.some((pattern) => pattern.test(text)))).toEqual(Object.keys(BY_HAND).sort());
});

test('only the listed files read published rows whether withheld or not', () => {
  expect(filesMatching((text) => WITHHELD_TOO.test(text))).toEqual(Object.keys(SEES_WITHHELD).sort());
});
