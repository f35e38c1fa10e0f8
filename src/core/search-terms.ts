/**
 * Words for full-text search. Articles are indexed in jieba's search mode, which adds the
 * dictionary words found inside a long word (中国农业发展银行 → 农业发展银行, 农业, 发展, 银行),
 * so a query for a word inside a word finds it. Latin script is lower-cased; punctuation and
 * spaces are no words. Unlike key terms (key-terms.ts), nothing is dropped as a stop word:
 * whatever a reader types can be found.
 */
import { jieba } from './key-terms';

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Longer runs (a URL, a run of digits) are no word anyone searches for; both databases limit a token's length. */
const MAX_TOKEN_LENGTH = 64;
/** A query is cut into at most this many words: enough for any phrase a person types. */
export const MAX_QUERY_WORDS = 32;

const isToken = (word: string): boolean => HAS_LETTER_OR_DIGIT.test(word) && word.length <= MAX_TOKEN_LENGTH;

/** The form both the index and the query see: NFKC (full-width Latin and digits to ASCII), lower case, one space for any run of white space. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The form quoted phrases are matched in: normalised, without spaces, since Chinese is written
 * without them and a reader may put one anywhere ("八镇联动 发展" finds 八镇联动发展).
 */
export function phraseKey(text: string): string {
  return normalizeForSearch(text).replace(/ /g, '');
}

/** The tokens of a text as indexed, in reading order, repeats kept: search mode, so the words inside longer words are there too. */
export function searchTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  return jieba()
    .cutForSearch(normalizeForSearch(text), true)
    .map((word) => word.trim())
    .filter(isToken);
}

/**
 * One word of a query. An article matches it when it contains the word itself or, failing
 * that, every dictionary word inside it: the query 农业发展银行 then still finds a text where
 * jieba read 中国农业 | 发展银行 differently.
 */
export interface QueryWord {
  word: string;
  /** The dictionary words inside `word` (search mode); empty for a word with none. */
  parts: string[];
}

export interface SearchText {
  /** Every word must match, phrase words included. */
  words: QueryWord[];
  /** Quoted phrases, normalised: their words must also stand next to each other, as typed. */
  phrases: string[];
  /** The phrases as matched against an article's text (phraseKey). */
  phraseKeys: string[];
  /** The query's words, in order, each once: what the response reports and what is highlighted. */
  terms: string[];
}

/** "…" or “…” (the quotes a Chinese input method types). */
const PHRASE = /"([^"]*)"|“([^”]*)”/g;

function queryWords(text: string): QueryWord[] {
  return jieba()
    .cut(normalizeForSearch(text), true)
    .map((word) => word.trim())
    .filter(isToken)
    .map((word) => ({ word, parts: jieba().cutForSearch(word, true).filter((part) => part !== word && isToken(part)) }));
}

/**
 * Reads what a person typed into the words an article must contain and the phrases that must
 * stand as typed. The words are cut in jieba's precise mode (the query is short, and each word
 * already stands for the words inside it, see QueryWord).
 */
export function parseSearchText(q: string): SearchText {
  const phrases: string[] = [];
  const words: QueryWord[] = [];
  const loose = q.replace(PHRASE, (_match, ascii: string | undefined, chinese: string | undefined) => {
    const phrase = normalizeForSearch(ascii ?? chinese ?? '').trim();
    const inside = queryWords(phrase);
    if (inside.length > 1) phrases.push(phrase);
    words.push(...inside);
    return ' ';
  });
  words.push(...queryWords(loose));
  const seen = new Set<string>();
  const unique = words.filter(({ word }) => !seen.has(word) && seen.add(word)).slice(0, MAX_QUERY_WORDS);
  const distinct = [...new Set(phrases)];
  return { words: unique, phrases: distinct, phraseKeys: [...new Set(distinct.map(phraseKey))], terms: unique.map(({ word }) => word) };
}
