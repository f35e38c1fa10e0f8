/**
 * How related two articles are, in what order related articles are listed, and the
 * keyword-in-context excerpt shown for each. Plain functions over key terms (key-terms.ts).
 */
import type { KeyTerm } from './key-terms';

export interface Similarity {
  /** Cosine of the two key-term vectors, 0..1. */
  score: number;
  /** Shared terms, the one contributing most first. */
  sharedTerms: string[];
}

export function similarity(a: readonly KeyTerm[], b: readonly KeyTerm[]): Similarity {
  const weights = new Map(b.map(({ term, weight }) => [term, weight]));
  const shared = a
    .filter(({ term }) => weights.has(term))
    .map(({ term, weight }) => ({ term, contribution: weight * weights.get(term)! }))
    .sort((x, y) => y.contribution - x.contribution);
  return { score: shared.reduce((sum, { contribution }) => sum + contribution, 0), sharedTerms: shared.map(({ term }) => term) };
}

/**
 * Scores are compared to two decimals: articles whose shared terms weigh about the same are then
 * ordered by category and recency, as the issue ranks them, rather than by noise in the weights.
 */
export const roundScore = (score: number): number => Math.round(score * 100) / 100;

export interface RankedCandidate {
  score: number;
  sameCategory: boolean;
  /** ISO time the candidate was published (or captured); null sorts last. */
  date: string | null;
  documentId: string;
}

/** Shared key terms weighted, then same category, then the more recent; documentId keeps it total. */
export function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  const byScore = roundScore(b.score) - roundScore(a.score);
  if (byScore !== 0) return byScore;
  if (a.sameCategory !== b.sameCategory) return a.sameCategory ? -1 : 1;
  const byDate = (b.date ? Date.parse(b.date) : -Infinity) - (a.date ? Date.parse(a.date) : -Infinity);
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate;
  return a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
}

/** The seed's cut: every excerpt is `...` then 87 characters, the key term at character 25. */
export const EXCERPT_LEAD = 25;
export const EXCERPT_LENGTH = 87;
export const EXCERPT_OPENING = '...';

/**
 * A keyword-in-context excerpt around the first occurrence of `term` (case-insensitive for Latin
 * text), cut like the seed's: the article's text read as one run, the term 25 characters in
 * (earlier when the text starts sooner), 87 characters whenever the text is that long. Null when
 * the text never mentions the term.
 */
export function keywordInContext(paragraphs: readonly string[], term: string): string | null {
  const text = paragraphs.join('').normalize('NFKC');
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0 || !term) return null;
  // Work in code points so a cut never splits a surrogate pair.
  const characters = Array.from(text);
  const position = Array.from(text.slice(0, at)).length;
  const start = Math.max(0, Math.min(position - EXCERPT_LEAD, characters.length - EXCERPT_LENGTH));
  return EXCERPT_OPENING + characters.slice(start, start + EXCERPT_LENGTH).join('');
}
