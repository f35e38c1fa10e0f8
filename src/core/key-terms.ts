/**
 * Key terms of an article: what it is about, as words weighted by TF-IDF over the archive.
 * Chinese is segmented with jieba and its bundled dictionary (ICU's word breaker cuts 江门 into
 * 江 / 门); Latin-script text comes out as lowercased words.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { toSimplified } from './chinese-script';
import { STOP_WORDS } from './stop-words';

/**
 * How many terms describe one article, chosen from quality and write cost measured together. On
 * the real pages' judged lists (`npm run bench:related-quality`, Traditional folded) nDCG@10 is
 * 0.430 at 12 terms, 0.488 at 16, 0.491 at 25; a write's index cost at 10k articles
 * (`bench:related -- --n 10000`) is 15 ms at 12 terms, 21 ms at 16, 33 ms at 25. Sixteen takes nearly all the
 * gain at a fraction of 25's cost; past it each term is one more posting written and one more
 * champion list read per write for little.
 */
export const KEY_TERMS_PER_ARTICLE = 16;
/** A headline says more about the topic than any one body sentence. */
const TITLE_REPEAT = 3;
const KICKER_REPEAT = 2;

let segmenter: Jieba | undefined;
/** Loading the dictionary takes a quarter of a second: once per process, on first use (search segments with it too). */
export function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

const HAS_LETTER = /\p{L}/u;
const HAN_NUMBER = /^[零〇一二三四五六七八九十百千万亿两几]+$/u;
const NUMERIC = /^[\d.,，%％+\-]+$/u;

function isTerm(word: string): boolean {
  if (Array.from(word).length < 2) return false;
  if (!HAS_LETTER.test(word) || NUMERIC.test(word) || HAN_NUMBER.test(word)) return false;
  return !STOP_WORDS.has(word);
}

/**
 * The last texts segmented: one write segments the same paragraphs for its key terms and its
 * fingerprint (simhash.ts). Cleared when full, so its size is bounded.
 */
const recentlySegmented = new Map<string, readonly string[]>();
const SEGMENTED_KEPT = 1000;

/** The terms of a text in reading order, repeats kept: stop words, numbers, punctuation and single characters dropped. */
export function segment(text: string): readonly string[] {
  if (!text) return [];
  const known = recentlySegmented.get(text);
  if (known) return known;
  const terms = jieba()
    .cut(text.normalize('NFKC'), true)
    .map((word) => word.trim().toLowerCase())
    .filter(isTerm);
  if (recentlySegmented.size >= SEGMENTED_KEPT) recentlySegmented.clear();
  recentlySegmented.set(text, terms);
  return terms;
}

export interface ArticleText {
  title: string;
  kicker?: string | null;
  paragraphs: string[];
}

/**
 * How often each term occurs, the headline and kicker counting extra. `fold` writes Traditional
 * characters Simplified first (OpenCC's tables, as search does), so a Taiwan or Hong Kong page and
 * a mainland one share their words (賴清德 and 赖清德): the related index's counts. Fingerprints
 * (simhash.ts) count the text as written.
 */
export function termCounts(article: ArticleText, options: { fold?: boolean } = {}): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string | null | undefined, times: number) => {
    for (const term of segment(options.fold && text ? toSimplified(text) : (text ?? ''))) counts.set(term, (counts.get(term) ?? 0) + times);
  };
  add(article.title, TITLE_REPEAT);
  add(article.kicker, KICKER_REPEAT);
  for (const paragraph of article.paragraphs) add(paragraph, 1);
  return counts;
}

export interface KeyTerm {
  term: string;
  /** TF-IDF weight, scaled so an article's key terms have unit length (similarity is then a cosine). */
  weight: number;
}

/**
 * A term in more than this share of the archive tells articles apart no better than a stop word,
 * and its posting list would be the longest: it is never a key term. Applied once the archive is
 * large enough for the share to mean something (two articles always share half their terms).
 */
const COMMON_TERM_SHARE = 0.3;
const COMMON_TERM_MIN_ARCHIVE = 100;

function isTooCommon(documentFrequency: number, totalDocuments: number): boolean {
  return totalDocuments >= COMMON_TERM_MIN_ARCHIVE && documentFrequency > COMMON_TERM_SHARE * totalDocuments;
}

/** Smoothed inverse document frequency: never zero, so a term every article shares still counts a little. */
export function inverseDocumentFrequency(documentFrequency: number, totalDocuments: number): number {
  return Math.log((1 + totalDocuments) / (1 + documentFrequency)) + 1;
}

/**
 * The article's strongest terms by TF-IDF (sublinear term frequency). `documentFrequency` gives
 * how many published articles contain a term; `totalDocuments` how many there are. Terms too
 * common to discriminate are left out (isTooCommon). Ties break
 * alphabetically so the result never depends on map order.
 */
export function keyTerms(
  counts: ReadonlyMap<string, number>,
  documentFrequency: (term: string) => number,
  totalDocuments: number,
  max = KEY_TERMS_PER_ARTICLE,
): KeyTerm[] {
  const scored = [...counts].filter(([term]) => !isTooCommon(documentFrequency(term), totalDocuments)).map(([term, count]) => ({
    term,
    weight: (1 + Math.log(count)) * inverseDocumentFrequency(documentFrequency(term), totalDocuments),
  }));
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const top = scored.slice(0, max);
  const length = Math.sqrt(top.reduce((sum, { weight }) => sum + weight * weight, 0));
  return length > 0 ? top.map(({ term, weight }) => ({ term, weight: weight / length })) : [];
}
