/**
 * How related two articles are, in what order related articles are listed, and the
 * keyword-in-context excerpt shown for each. Plain functions over key terms (key-terms.ts).
 */
import { keyTerms, termCounts, type ArticleText, type KeyTerm } from './key-terms';
import { matchForm } from './search-terms';

/**
 * The term counts the related index weighs: Traditional written Simplified, so a Taiwan or Hong
 * Kong page and a mainland one share their words (賴清德, 赖清德). On the real pages' judged
 * lists (bench:related-quality) folding raised nDCG@10 from 0.408 to 0.430 at 12 key terms.
 */
export const relatedTermCounts = (text: ArticleText): Map<string, number> => termCounts(text, { fold: true });

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
 * ordered by category and recency (compareCandidates), rather than by noise in the weights.
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
  const byDate = byTime(timeOf(a.date), timeOf(b.date));
  if (byDate !== 0) return byDate;
  return a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
}

/** The later first. */
const byTime = (a: number, b: number): number => (a > b ? -1 : a < b ? 1 : 0);

/** A candidate's date as a number to order by: unknown (or unreadable) last. */
const timeOf = (date: string | null): number => {
  const time = date ? Date.parse(date) : NaN;
  return Number.isNaN(time) ? -Infinity : time;
};

/** The seed's cut: every excerpt is `...` then 87 characters, the key term at character 25. */
const EXCERPT_LEAD = 25;
export const EXCERPT_LENGTH = 87;
export const EXCERPT_OPENING = '...';

/**
 * A keyword-in-context excerpt around the first occurrence of `term` (case-insensitive for Latin
 * text), cut like the seed's: the article's text read as one run, the term 25 characters in
 * (earlier when the text starts sooner), 87 characters whenever the text is that long. Null when
 * the text never mentions the term.
 */
export function keywordInContext(paragraphs: readonly string[], term: string): string | null {
  return contextFinder(paragraphs)(term);
}

/**
 * keywordInContext over one text for many terms: the text is joined, normalised and split into
 * code points once (an article's dozen key terms each need an excerpt).
 */
export function contextFinder(
  paragraphs: readonly string[],
  /** The form terms are looked for in; it must keep the text's length (search: lower case and Simplified). */
  form: (text: string) => string = (text) => text.toLowerCase(),
): (term: string) => string | null {
  const text = paragraphs.join('').normalize('NFKC');
  const lower = form(text);
  let characters: string[] | undefined;
  return (term) => {
    const at = lower.indexOf(term.toLowerCase());
    if (at < 0 || !term) return null;
    // Work in code points so a cut never splits a surrogate pair.
    characters ??= Array.from(text);
    const position = Array.from(text.slice(0, at)).length;
    const start = Math.max(0, Math.min(position - EXCERPT_LEAD, characters.length - EXCERPT_LENGTH));
    return EXCERPT_OPENING + characters.slice(start, start + EXCERPT_LENGTH).join('');
  };
}

// ---------------------------------------------------------------------------
// Ranking stored lists. An article is related to another through the terms both are champions of
// (IIR §7.1: a term's champion list holds its strongest postings). The relation is symmetric and
// depends on the two articles alone, so a write changes only the lists of articles sharing a
// champion term with it, a set bounded by the champion lists' length whatever the archive's size.

/** Computed entries stored per article: the default page of 10 with room for 10 curated targets skipped at read time. */
export const LIST_LENGTH = 20;
/** How many postings a term's champion list holds when an epoch is taken. */
export const CHAMPIONS_PER_TERM = 100;

export interface Posting {
  documentId: string;
  term: string;
  weight: number;
  /** The article's text around the term. */
  context: string;
}

/**
 * Where a term's champion list ends under an epoch: the weight of its last champion and that
 * champion's document id (threshold 0 when the term had fewer postings: all are champions).
 */
export interface ChampionThreshold {
  threshold: number;
  thresholdDocumentId: string;
}

/**
 * Whether a posting is one of its term's champions: it ranks, by weight and then document id, no
 * lower than the epoch's last champion. The document id cuts ties at the threshold weight, so a
 * term whose postings weigh the same (short or formulaic texts) still has a list of
 * CHAMPIONS_PER_TERM, not every posting of that weight. Mirrored in SQL by takeChampionThresholds.
 */
export function isChampion(weight: number, documentId: string, cut: ChampionThreshold | undefined): boolean {
  if (!cut) return true;
  return weight > cut.threshold || (weight === cut.threshold && documentId <= cut.thresholdDocumentId);
}

/**
 * An article's key terms (from its termCounts) under an epoch's statistics: each weighted, flagged
 * a champion (isChampion), with the article's text around it (the body, as on the seed; a term
 * only in the kicker or headline is shown there).
 */
export function keyTermPostings(
  documentId: string,
  text: ArticleText,
  counts: ReadonlyMap<string, number>,
  statistics: (term: string) => ({ frequency: number } & ChampionThreshold) | undefined,
  epochArticles: number,
): (Posting & { champion: boolean })[] {
  const { title, kicker, paragraphs } = text;
  // Terms are Simplified (relatedTermCounts): looked for in the text folded alike, shown as written.
  const [inBody, inKicker, inTitle] = [paragraphs, [kicker ?? ''], [title]].map((part) => contextFinder(part, matchForm));
  return keyTerms(counts, (term) => statistics(term)?.frequency ?? 0, epochArticles).map(({ term, weight }) => ({
    documentId,
    term,
    weight,
    champion: isChampion(weight, documentId, statistics(term)),
    context: inBody(term) ?? inKicker(term) ?? inTitle(term) ?? `${EXCERPT_OPENING}${term}`,
  }));
}

export interface Neighbour {
  documentId: string;
  /** Unrounded; summed over shared terms in term order, so score(a, b) and score(b, a) agree to the last bit. */
  score: number;
  /** The shared term contributing most. */
  term: string;
  /** The neighbour's text around that term. */
  excerpt: string;
  /** The subject's text around that term: the excerpt when the subject enters the neighbour's list. */
  reverseExcerpt: string;
}

const byTerm = (a: { term: string }, b: { term: string }) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** Every article sharing a champion term with the subject, scored; `postings` are the champion postings of the subject's terms. */
export function scoreNeighbours(subject: { documentId: string; postings: readonly Posting[] }, postings: readonly Posting[]): Map<string, Neighbour> {
  const own = new Map(subject.postings.map((posting) => [posting.term, posting]));
  const shared = new Map<string, Posting[]>();
  for (const posting of postings) {
    if (posting.documentId === subject.documentId || !own.has(posting.term)) continue;
    const list = shared.get(posting.documentId) ?? [];
    list.push(posting);
    shared.set(posting.documentId, list);
  }
  const neighbours = new Map<string, Neighbour>();
  for (const [documentId, list] of shared) {
    list.sort(byTerm);
    let score = 0;
    let best: { posting: Posting; contribution: number } | undefined;
    for (const posting of list) {
      const contribution = own.get(posting.term)!.weight * posting.weight;
      score += contribution;
      if (!best || contribution > best.contribution) best = { posting, contribution };
    }
    const term = best!.posting.term;
    neighbours.set(documentId, { documentId, score, term, excerpt: best!.posting.context, reverseExcerpt: own.get(term)!.context });
  }
  return neighbours;
}

export interface ListEntry {
  relatedDocumentId: string;
  /** Rounded (roundScore): what is stored and shown. */
  score: number;
  sameCategory: boolean;
  /** ISO time of the related article; '' when unknown. */
  date: string;
  term: string;
  excerpt: string;
}

export interface IndexedArticle {
  documentId: string;
  categoryId: number | null;
  date: string;
}

/** The subject's list: its neighbours in compareCandidates order, the first `length`. */
export function rankList(
  subject: IndexedArticle,
  neighbours: Iterable<Neighbour>,
  articles: ReadonlyMap<string, IndexedArticle>,
  length = LIST_LENGTH,
): ListEntry[] {
  const entries: ListEntry[] = [];
  for (const neighbour of neighbours) {
    const article = articles.get(neighbour.documentId);
    if (!article) continue;
    entries.push({
      relatedDocumentId: neighbour.documentId,
      score: roundScore(neighbour.score),
      sameCategory: subject.categoryId !== null && article.categoryId === subject.categoryId,
      date: article.date,
      term: neighbour.term,
      excerpt: neighbour.excerpt,
    });
  }
  // compareCandidates with each date parsed once, not once per comparison (lists are ranked from hundreds of neighbours).
  const keyed = entries.map((entry) => ({ entry, time: timeOf(entry.date || null) }));
  keyed.sort(
    (a, b) =>
      b.entry.score - a.entry.score ||
      (a.entry.sameCategory === b.entry.sameCategory ? 0 : a.entry.sameCategory ? -1 : 1) ||
      byTime(a.time, b.time) ||
      (a.entry.relatedDocumentId < b.entry.relatedDocumentId ? -1 : a.entry.relatedDocumentId > b.entry.relatedDocumentId ? 1 : 0),
  );
  return keyed.slice(0, length).map(({ entry }) => entry);
}

/** A list entry's place in list order. */
export const candidateOf = (entry: ListEntry): RankedCandidate => ({
  score: entry.score,
  sameCategory: entry.sameCategory,
  date: entry.date || null,
  documentId: entry.relatedDocumentId,
});

// ---------------------------------------------------------------------------
// Epochs: key-term weights are computed against the document frequencies of an epoch, a snapshot
// taken by `npm run reindex`, so an article's weights depend on its text and the epoch alone (a
// rebuild gives the same) and no write has to update shared counters.

/** While the archive is this small, a write that doubles it since the last epoch takes a new one (a rebuild costs little). */
export const AUTO_EPOCH_LIMIT = 500;

/**
 * Whether an archive of `indexedArticles` has doubled since its epoch (of `epochArticles`) was
 * taken: a write takes a new one while the archive is at most `limit`; an import run, which writes
 * in bulk and rebuilds in steps between its batches, at any size (its champion thresholds are then
 * never more than one doubling old, and the rebuilds of a run from empty to N cost about 2N).
 */
export function needsNewEpoch(indexedArticles: number, epochArticles: number, limit = AUTO_EPOCH_LIMIT): boolean {
  return indexedArticles > 0 && indexedArticles <= limit && indexedArticles >= 2 * epochArticles;
}
