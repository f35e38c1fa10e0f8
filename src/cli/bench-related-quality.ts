/**
 * `npm run bench:related-quality [-- --k 8,12,16,25,32] [--show 12]`: how good the computed related lists are,
 * measured, not a test. Every real page the repository holds (bench/real-pages.ts) is read as the
 * importer reads it; the related lists are computed as the index computes them (core/key-terms,
 * core/relatedness: key terms by TF-IDF, neighbours through shared key terms, ranked by
 * rankList), once per number of key terms per article; each list's first ten are scored against the
 * judgments of bench/related-judgments.ts: nDCG@10 (grades 2 and 1) and recall@10.
 *
 * At this size every posting is a champion (CHAMPIONS_PER_TERM exceeds the pages), so the lists are
 * exactly the index's. The write cost of a key term is one more posting stored and one more
 * champion list read per write: printed beside the quality as postings per article and the time
 * to compute all the lists.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { keyTerms, KEY_TERMS_PER_ARTICLE, termCounts } from '../core/key-terms';
import { rankList, relatedTermCounts, scoreNeighbours, type IndexedArticle, type Posting } from '../core/relatedness';
import { judgedNeighbours, RELATED_JUDGMENTS } from '../bench/related-judgments';
import { REAL_PAGE_DIRS, SAME_STORY } from '../bench/real-pages';
import { listInputFiles, readInputs } from '../import/input';
import type { ArticleText } from '../core/key-terms';
import { EXIT_OK, EXIT_USAGE, UsageError } from './app';

const ROOT = path.resolve(__dirname, '../../..');
const CUT = 10;

interface Page {
  name: string;
  text: ArticleText;
  article: IndexedArticle;
}

async function readPages(): Promise<Page[]> {
  const { files } = listInputFiles(REAL_PAGE_DIRS.map((dir) => path.join(ROOT, dir)));
  const pages: Page[] = [];
  const categories = new Map<string, number>();
  for await (const item of readInputs(files)) {
    if (item.kind !== 'article') continue;
    const name = nameOf(item.origin.path);
    const { record } = item;
    const category = record.category ? (categories.get(record.category) ?? categories.set(record.category, categories.size + 1).size) : null;
    pages.push({
      name,
      text: { title: record.title, kicker: record.kicker, paragraphs: record.paragraphs },
      article: { documentId: name, categoryId: category, date: record.sourcePublishedAt ?? record.snapshotAt ?? '' },
    });
  }
  return pages;
}

const nameOf = (file: string) => path.basename(file).replace(/\.txt$/, '');
/** Copies of one story: never each other's related articles (the archive lists them as reprints). */
const copies = (a: string, b: string) => SAME_STORY.some(({ pages }) => pages.map(nameOf).includes(a) && pages.map(nameOf).includes(b));

/** Every page's first CUT related pages, with `k` key terms per article (copies of its story left out, as the index does). */
function relatedLists(pages: readonly Page[], k: number, fold = true): Map<string, string[]> {
  const counts = pages.map((page) => (fold ? relatedTermCounts(page.text) : termCounts(page.text)));
  const frequency = new Map<string, number>();
  for (const count of counts) for (const term of count.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const postings: Posting[][] = pages.map((page, i) =>
    keyTerms(counts[i], (term) => frequency.get(term) ?? 0, pages.length, k).map(({ term, weight }) => ({ documentId: page.name, term, weight, context: '' })),
  );
  const byTerm = new Map<string, Posting[]>();
  for (const posting of postings.flat()) byTerm.set(posting.term, [...(byTerm.get(posting.term) ?? []), posting]);
  const articles = new Map(pages.map((page) => [page.name, page.article]));
  const lists = new Map<string, string[]>();
  pages.forEach((page, i) => {
    const shared = postings[i].flatMap((posting) => byTerm.get(posting.term) ?? []);
    const neighbours = scoreNeighbours({ documentId: page.name, postings: postings[i] }, shared);
    for (const name of [...neighbours.keys()]) if (copies(page.name, name)) neighbours.delete(name);
    lists.set(page.name, rankList(page.article, neighbours.values(), articles, CUT).map((entry) => entry.relatedDocumentId));
  });
  return lists;
}

/** nDCG@CUT with gains 2^grade - 1, and the share of judged neighbours in the first CUT. */
function scoreList(list: readonly string[], judged: ReadonlyMap<string, number>): { ndcg: number; recall: number; strongRecall: number } {
  const gain = (grade: number) => 2 ** grade - 1;
  const dcg = list.slice(0, CUT).reduce((sum, name, i) => sum + gain(judged.get(name) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, CUT).reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  const found = list.slice(0, CUT).filter((name) => judged.has(name)).length;
  const strong = [...judged].filter(([, grade]) => grade === 2).map(([name]) => name);
  const strongFound = strong.filter((name) => list.slice(0, CUT).includes(name)).length;
  return { ndcg: dcg / ideal, recall: found / Math.min(judged.size, CUT), strongRecall: strong.length ? strongFound / strong.length : NaN };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

async function main(args: string[]): Promise<number> {
  const at = args.indexOf('--k');
  const ks = at === -1 ? [6, 8, 12, 16, 20, 25, 32, 48] : args[at + 1]?.split(',').map(Number) ?? [];
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 1)) throw new UsageError('--k takes whole numbers separated by commas');
  const pages = await readPages();
  const names = new Set(pages.map((page) => page.name));
  const judged = judgedNeighbours();
  for (const [name, row] of judged) {
    for (const other of [...row.keys()]) if (copies(name, other)) row.delete(other);
    if (row.size === 0) judged.delete(name);
  }
  const missing = [...judged.keys()].filter((name) => !names.has(name));
  if (missing.length > 0) throw new Error(`judged pages the importer did not read: ${missing.join(', ')}`);
  const subjects = [...judged.keys()].sort();
  console.log(
    `related lists over ${pages.length} real pages, ${subjects.length} judged (${RELATED_JUDGMENTS.length} judgments, ${[...judged.values()].reduce((n, row) => n + row.size, 0)} expected neighbours); key terms now: ${KEY_TERMS_PER_ARTICLE}`,
  );
  console.log(' key terms | folded | nDCG@10 | recall@10 | grade-2 recall@10 | postings/article | all lists (ms)');
  // The index before this measurement (12 terms, Traditional as written), then the sweep as the index reads text now.
  for (const [k, fold] of [[12, false] as const, ...ks.map((k) => [k, true] as const)]) {
    const started = performance.now();
    const lists = relatedLists(pages, k, fold);
    const elapsed = performance.now() - started;
    const scores = subjects.map((name) => scoreList(lists.get(name) ?? [], judged.get(name)!));
    const strong = scores.map((score) => score.strongRecall).filter((value) => !Number.isNaN(value));
    const postings = mean(pages.map((page) => Math.min(k, termCounts(page.text).size)));
    console.log(
      `${String(k).padStart(10)} | ${(fold ? 'yes' : 'no').padStart(6)} | ${mean(scores.map((s) => s.ndcg)).toFixed(3).padStart(7)} | ${mean(scores.map((s) => s.recall)).toFixed(3).padStart(9)} | ${mean(strong).toFixed(3).padStart(17)} | ${postings.toFixed(1).padStart(16)} | ${elapsed.toFixed(0).padStart(14)}`,
    );
  }
  const show = args.indexOf('--show');
  if (show !== -1) {
    // The judged neighbours each list misses at one number of key terms: what to read next.
    const lists = relatedLists(pages, Number(args[show + 1]));
    for (const name of subjects) {
      const missed = [...judged.get(name)!].filter(([other]) => !(lists.get(name) ?? []).includes(other));
      if (missed.length) console.log(`${name}: misses ${missed.map(([other, grade]) => `${other} (${grade})`).join(', ')}; has ${(lists.get(name) ?? []).join(', ') || 'nothing'}`);
    }
  }
  return EXIT_OK;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nusage: node scripts/cli.js bench-related-quality [--k 8,12,25] [--show 12]\n`);
    process.exitCode = EXIT_USAGE;
  },
);
