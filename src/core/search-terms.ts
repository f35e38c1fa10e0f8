/**
 * Words for full-text search. Articles are indexed in jieba's search mode, which adds the
 * dictionary words found inside a long word (中国农业发展银行 → 农业发展银行, 农业, 发展, 银行),
 * so a query for a word inside a word finds it. Latin script is lower-cased; punctuation and
 * spaces are no words. Unlike key terms (key-terms.ts), nothing is dropped as a stop word:
 * whatever a reader types can be found.
 */
import { pinyin } from 'pinyin-pro';
import { toSimplified } from './chinese-script';
import { jieba } from './key-terms';

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Longer runs (a URL, a run of digits) are no word anyone searches for; both databases limit a token's length. */
const MAX_TOKEN_LENGTH = 64;
/** A query is cut into at most this many words: enough for any phrase a person types. */
const MAX_QUERY_WORDS = 32;

const isToken = (word: string): boolean => HAS_LETTER_OR_DIGIT.test(word) && word.length <= MAX_TOKEN_LENGTH;

/**
 * The form both the index and the query see: NFKC (full-width Latin and digits to ASCII), lower
 * case, one space for any run of white space, and Traditional characters written Simplified
 * (OpenCC's tables), so 發展 and 发展 are one word and a Taiwan or Hong Kong page is cut by
 * jieba's (Simplified) dictionary as well as a mainland one.
 */
export function normalizeForSearch(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '));
}

/**
 * A stored text in the form needles are looked for in, with its offsets kept: lower case and
 * Simplified, as normalizeForSearch makes the query. When folding would move offsets (a rare
 * phrase OpenCC rewrites to another length), only lower case: that text's Traditional words are
 * then not marked, nothing is marked in the wrong place.
 */
export function matchForm(text: string): string {
  const lower = text.toLowerCase();
  const folded = toSimplified(lower);
  return folded.length === lower.length ? folded : lower;
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
  /** Every word must match: the words outside phrases and the words of each phrase its ends do not decide (requiredInPhrase). */
  words: QueryWord[];
  /** Quoted phrases, normalised: their words must also stand next to each other, as typed. */
  phrases: string[];
  /** The phrases as matched against an article's text (phraseKey). */
  phraseKeys: string[];
  /** The whole query as typed, quotes dropped, in phraseKey form: a title that holds it is the page being looked for. */
  queryKey: string;
  /** The query's words, in order, each once, a phrase's first and last included: what the response reports and what is highlighted. */
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
 * The words of a quoted phrase that the index must hold for an article to be a candidate (the
 * phrase itself is then checked on the text, phraseKeys). A phrase is often cut from running text
 * anywhere: "用此接口将音乐资源注入到" from 使用此接口将音乐资源注入到页面, where the index holds 使用
 * and 到, not 用; and cut alone its ends may join differently (…的接口服 reads 接|口服 where the
 * text has 接口|服务). So the words kept are those inside the phrase that jieba also reads when
 * the phrase loses its first and last characters: the ones its ends do not decide. When none is
 * left (a short phrase), the longest word stands for it.
 */
function requiredInPhrase(phrase: string, inside: QueryWord[]): QueryWord[] {
  const characters = Array.from(phrase);
  const core = new Set(queryWords(characters.slice(1, -1).join('')).map(({ word }) => word));
  const stable = inside.slice(1, -1).filter(({ word }) => core.has(word));
  if (stable.length > 0) return stable;
  return [inside.reduce((longest, word) => (Array.from(word.word).length > Array.from(longest.word).length ? word : longest))];
}

/**
 * Reads what a person typed into the words an article must contain and the phrases that must
 * stand as typed. The words are cut in jieba's precise mode (the query is short, and each word
 * already stands for the words inside it, see QueryWord).
 */
export function parseSearchText(q: string): SearchText {
  const phrases: string[] = [];
  /** Every word in the order typed, and whether the index must hold it. */
  const typed: { word: QueryWord; required: boolean }[] = [];
  const loose = q.replace(PHRASE, (_match, ascii: string | undefined, chinese: string | undefined) => {
    const phrase = normalizeForSearch(ascii ?? chinese ?? '').trim();
    const inside = queryWords(phrase);
    if (inside.length > 1) phrases.push(phrase);
    const required = inside.length > 1 ? requiredInPhrase(phrase, inside) : inside;
    typed.push(...inside.map((word) => ({ word, required: required.includes(word) })));
    return ' ';
  });
  typed.push(...queryWords(loose).map((word) => ({ word, required: true })));
  const requiredWords = new Set(typed.filter(({ required }) => required).map(({ word }) => word.word));
  const seen = new Set<string>();
  const unique = typed
    .map(({ word }) => word)
    .filter(({ word }) => !seen.has(word) && seen.add(word))
    .slice(0, MAX_QUERY_WORDS);
  const distinct = [...new Set(phrases)];
  return {
    words: unique.filter(({ word }) => requiredWords.has(word)),
    phrases: distinct,
    phraseKeys: [...new Set(distinct.map(phraseKey))],
    queryKey: phraseKey(q.replace(/["“”]/g, ' ')).trim(),
    terms: unique.map(({ word }) => word),
  };
}

// ---------------------------------------------------------------------------
// Pinyin: a reader who cannot type Chinese types 江门 as `jiangmen` or `jiang men`.

const HAN_WORD = /^\p{Script=Han}{2,}$/u;
/** Words repeat across articles (Zipf): their pinyin is kept, up to this many, so an import reads each word's once. */
const PINYIN_CACHE_LIMIT = 100_000;
const pinyinCache = new Map<string, string>();

/** A word's toneless pinyin, syllables joined (江门 → jiangmen; ü as v, as slugs write it). */
export function pinyinOf(word: string): string {
  let spelled = pinyinCache.get(word);
  if (spelled === undefined) {
    spelled = pinyin(word, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
    if (pinyinCache.size >= PINYIN_CACHE_LIMIT) pinyinCache.clear();
    pinyinCache.set(word, spelled);
  }
  return spelled;
}

/**
 * The pinyin tokens indexed beside a text's words: one per distinct word of two or more Han
 * characters. Single characters are left out: their syllables (de, shi, men) are in nearly every
 * text and would make any Latin query match everything.
 */
export function pinyinTokens(tokens: readonly string[]): string[] {
  const spelled = new Set<string>();
  for (const token of new Set(tokens)) if (HAN_WORD.test(token)) spelled.add(pinyinOf(token));
  return [...spelled];
}

/**
 * A query typed as pinyin syllables with spaces (`jiang men`): the same query with its Latin words
 * joined (`jiangmen`), as the index spells a word's pinyin; null when the query has Chinese, fewer
 * than two words, or anything but letters.
 */
export function joinedPinyinQuery(q: string): string | null {
  const words = normalizeForSearch(q).trim().split(' ');
  return words.length >= 2 && words.every((word) => /^[a-z]+$/.test(word)) ? words.join('') : null;
}

// ---------------------------------------------------------------------------
// Fragments: a piece of text pasted from a page, cut anywhere, punctuation dropped as people
// type it (`三十余年从学生时代兴趣出`). Words cannot find it (its ends are half-words); its letters can.

const NOT_LETTER = /[^\p{L}\p{N}]+/gu;

/** A text's letters and digits only, in search form (normalizeForSearch): what a fragment is looked for in. */
export const lettersOf = (text: string): string => normalizeForSearch(text).replace(NOT_LETTER, '');

/** The distinct pairs of neighbouring characters of each text (code points): the fragment index's terms. */
export function letterBigrams(texts: readonly string[]): string[] {
  const pairs = new Set<string>();
  for (const text of texts) {
    const characters = Array.from(text);
    for (let i = 0; i + 1 < characters.length; i++) pairs.add(characters[i] + characters[i + 1]);
  }
  return [...pairs];
}

/** Fragments shorter than this are words, found by the word index. */
export const MIN_FRAGMENT_LENGTH = 4;
const MIN_DISTINCT_PAIRS = 3;
/** Pairs a fragment's look-up asks the index for: enough to be selective, then the letters are compared. */
const MAX_FRAGMENT_PAIRS = 16;

export interface Fragment {
  /** The query's letters, as lettersOf makes a text's. */
  letters: string;
  /** Pairs every page holding it must have (spread over the fragment). */
  pairs: string[];
}

/** The fragment a query stands for: its letters, quotes and spaces dropped; null when too short. */
export function fragmentOf(q: string): Fragment | null {
  const letters = lettersOf(q);
  const characters = Array.from(letters);
  if (characters.length < MIN_FRAGMENT_LENGTH) return null;
  const all = letterBigrams([letters]);
  // A run of one or two pairs repeated (发展发展发展…) says little and would be compared with the
  // letters of every page holding them: such a query is left to the word index.
  if (all.length < MIN_DISTINCT_PAIRS) return null;
  const step = Math.max(1, Math.ceil(all.length / MAX_FRAGMENT_PAIRS));
  return { letters, pairs: all.filter((_, index) => index % step === 0).slice(0, MAX_FRAGMENT_PAIRS) };
}
