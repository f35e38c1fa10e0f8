/**
 * How search ranks: BM25 with fixed parameters, the headline weighted, and a boost for query words
 * that stand close together. One definition for both databases: each computes the same formula
 * from the index's own statistics (search/queries.ts), so SQLite and PostgreSQL rank alike.
 *
 * Term frequencies are counted in the article's stored search text (core/search-terms phraseKey:
 * normalised, no spaces); lengths are that text's characters.
 */

/** Robertson's k1 and b, as Lucene and SQLite's FTS5 set them by default. */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** A headline occurrence counts as this many body occurrences (BM25F with one weighted field). */
export const TITLE_WEIGHT = 5;

/**
 * The most the proximity boost adds, as a share of the query's summed idf. Words typed next to
 * each other and found next to each other add this much; far apart, almost nothing. BM25 gives a
 * word at most (k1 + 1) × idf, so proximity reorders pages of close BM25 scores, never a page that
 * holds the words once above one that is about them.
 */
export const PROXIMITY_WEIGHT = 0.5;
/** A gap of this many characters between the words halves the boost. */
const PROXIMITY_HALF_GAP = 8;

/** Lucene's BM25 idf: never negative, however common the word. */
export function idf(documents: number, withWord: number): number {
  return Math.log(1 + (documents - withWord + 0.5) / (withWord + 0.5));
}

/**
 * The constants of one word's BM25 term, as the databases evaluate it:
 * score = weight × tf / (tf + base + perCharacter × length).
 */
export interface WordScoring {
  weight: number;
  base: number;
  perCharacter: number;
}

export function wordScoring(documents: number, withWord: number, averageLength: number): WordScoring {
  const { k1, b } = BM25;
  return {
    weight: idf(documents, withWord) * (k1 + 1),
    base: k1 * (1 - b),
    // An empty index (no average yet) normalises nothing.
    perCharacter: averageLength > 0 ? (k1 * b) / averageLength : 0,
  };
}

/** The same BM25 term in JavaScript, for tests and for checking the databases' arithmetic. */
export const bm25Term = (scoring: WordScoring, tf: number, length: number): number =>
  (scoring.weight * tf) / (tf + scoring.base + scoring.perCharacter * length);

/** The most proximityBoost can add for words of these idfs. */
export const maxProximityBoost = (idfs: readonly number[]): number => (idfs.length < 2 ? 0 : PROXIMITY_WEIGHT * idfs.reduce((sum, value) => sum + value, 0));

/**
 * How close together the text holds the query's words: the shortest stretch of it holding one
 * occurrence of each word it contains, less the words' own lengths, is the gap; the boost is
 * maxProximityBoost / (1 + gap / PROXIMITY_HALF_GAP), scaled by the share of the words found.
 * Nothing for a query of one word, or a text holding fewer than two of them.
 */
export function proximityBoost(text: string, words: readonly string[], idfs: readonly number[]): number {
  if (words.length < 2) return 0;
  const occurrences: { at: number; end: number; word: number }[] = [];
  words.forEach((word, index) => {
    if (word === '') return;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) occurrences.push({ at, end: at + word.length, word: index });
  });
  const present = new Set(occurrences.map(({ word }) => word));
  if (present.size < 2) return 0;
  occurrences.sort((x, y) => x.at - y.at || x.end - y.end);
  // The shortest window holding each present word once (two pointers over the occurrences in text order).
  const inWindow = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let start = 0;
  for (let end = 0; end < occurrences.length; end++) {
    inWindow.set(occurrences[end].word, (inWindow.get(occurrences[end].word) ?? 0) + 1);
    while (inWindow.size === present.size) {
      // Occurrences are in text order: the window ends with the last one's end (an earlier, longer word overlapping it is rare and only shortens the gap).
      best = Math.min(best, occurrences[end].end - occurrences[start].at);
      const first = occurrences[start].word;
      const left = inWindow.get(first)! - 1;
      if (left === 0) inWindow.delete(first);
      else inWindow.set(first, left);
      start++;
    }
  }
  const wordsLength = [...present].reduce((sum, index) => sum + words[index].length, 0);
  const gap = Math.max(0, best - wordsLength);
  const share = present.size / words.length;
  return (maxProximityBoost(idfs) * share) / (1 + gap / PROXIMITY_HALF_GAP);
}
