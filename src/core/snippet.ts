/**
 * The snippet of a search hit: plain text around the best match, cut like the related excerpts
 * (relatedness.ts keywordInContext), with the character offsets of the matched terms in it, so a
 * frontend marks them without rendering any HTML from the archive.
 */
import { contextFinder, EXCERPT_LENGTH, EXCERPT_OPENING } from './relatedness';
import { matchForm, type SearchText } from './search-terms';

export interface Snippet {
  text: string;
  /** [start, end) in UTF-16 code units of `text` (what String.prototype.slice takes), in order, never overlapping. */
  highlights: [number, number][];
}

export interface SnippetSource {
  title: string;
  paragraphs: readonly string[];
}

/** What may be marked, the strongest first: whole phrases (as typed, then without spaces), the query's words, the words inside them. */
export function snippetNeedles(search: SearchText): string[] {
  const needles = [
    ...search.phrases,
    ...search.phraseKeys,
    ...search.words.map(({ word }) => word),
    ...search.words.flatMap(({ parts }) => parts),
  ];
  return [...new Set(needles)].filter((needle) => needle.length > 0);
}

/** Every place a needle occurs in `text` (case-insensitive, Traditional or Simplified), longest needle first where they overlap. */
export function highlightsIn(text: string, needles: readonly string[]): [number, number][] {
  const haystack = matchForm(text);
  // Lower-casing may change the length of a few exotic letters; then offsets would drift, so mark nothing there.
  if (haystack.length !== text.length) return [];
  const found: [number, number][] = [];
  for (const needle of needles) {
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const span of found) {
    if (kept.length === 0 || span[0] >= kept[kept.length - 1][1]) kept.push(span);
  }
  return kept;
}

/** How many distinct needles a cut shows: the best snippet shows the most of the query. */
const coverage = (text: string, needles: readonly string[]): number => {
  const haystack = matchForm(text);
  return needles.filter((needle) => haystack.includes(needle)).length;
};

/**
 * The body cut around the needle whose excerpt shows most of the query (the earlier needle on a
 * tie: phrases before words); the title when only the title matches; the body's opening when
 * neither holds a needle as typed (an article found through the words inside a word).
 */
export function searchSnippet(source: SnippetSource, needles: readonly string[]): Snippet {
  let best: { text: string; covered: number } | null = null;
  for (const text of [source.paragraphs, [source.title]]) {
    const cutAround = contextFinder(text, matchForm);
    for (const needle of needles) {
      const cut = cutAround(needle);
      if (cut === null) continue;
      const covered = coverage(cut, needles);
      if (!best || covered > best.covered) best = { text: cut, covered };
    }
    if (best) break;
  }
  const text = best?.text ?? openingOf(source);
  return { text, highlights: highlightsIn(text, needles) };
}

function openingOf(source: SnippetSource): string {
  const characters = Array.from(source.paragraphs.join('').normalize('NFKC') || source.title.normalize('NFKC'));
  return EXCERPT_OPENING + characters.slice(0, EXCERPT_LENGTH).join('');
}
