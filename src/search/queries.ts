/**
 * The search index's queries, for PostgreSQL and SQLite: over its own tables (tables.ts), and the
 * reads of Strapi's article tables it is built from. Every function takes the knex handle to use,
 * so the write path runs them inside its transaction.
 *
 * Which articles search may show is decided by those reads and nowhere else: publicly visible
 * rows only (db/visibility.ts: published and not withheld), so a draft never enters the index,
 * and unpublishing, deleting or a takedown takes it out. The index is synced from these rows and
 * hits are read back through them, so an article they do not return can never be found.
 */
import type { Core } from '@strapi/strapi';
import { blocksToParagraphs } from '../core/body';
import { idf, maxProximityBoost, proximityBoost, TITLE_WEIGHT, wordScoring, type WordScoring } from '../core/ranking';
import type { Fragment, QueryWord, SearchText } from '../core/search-terms';
import type { Knex } from '../db/derived-index';
import { articleTables } from '../db/join-tables';
import { chunks, rowsOf } from '../db/sql';
import { isoOfStored } from '../db/time';
import { whereVisible } from '../db/visibility';
import { SEARCH_TABLES, type Dialect } from './tables';

/** What the index holds for one article. */
export interface SearchEntry {
  documentId: string;
  categoryId: number | null;
  sourceId: number | null;
  /** ISO UTC publication (else capture) time; '' when unknown, so it sorts last. */
  date: string;
  fingerprint: string;
  /** Title and paragraphs as quoted phrases are matched in (core/search-terms phraseKey), one a line. */
  text: string;
  titleTokens: string[];
  bodyTokens: string[];
  /** Title and paragraphs as fragments are looked for in (core/search-terms lettersOf), one a line. */
  letters: string;
  /** The distinct pairs of neighbouring letters of `letters`' lines (core/search-terms letterBigrams). */
  pairs: string[];
}


// --- PostgreSQL literals -------------------------------------------------------------------

/** A lexeme in tsvector/tsquery input syntax: quoted, so no character is read as an operator. */
const lexeme = (token: string): string => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** PostgreSQL keeps positions 1..16383, at most 256 per lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

/**
 * The tsvector of an article as its input text: every token at its position, title tokens
 * weighted A (ranked above body matches), body tokens D.
 */
export function tsvectorLiteral(titleTokens: readonly string[], bodyTokens: readonly string[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (tokens: readonly string[], weight: string) => {
    for (const token of tokens) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
      positions.set(token, list);
    }
  };
  add(titleTokens, 'A');
  add(bodyTokens, '');
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
}

const wordQuery = (word: QueryWord, quote: (token: string) => string, and: string, or: string): string =>
  word.parts.length === 0 ? quote(word.word) : `(${quote(word.word)} ${or} (${word.parts.map(quote).join(` ${and} `)}))`;

/** Every word, each as itself or as all the words inside it. */
export const tsqueryLiteral = (words: readonly QueryWord[]): string => words.map((word) => wordQuery(word, lexeme, '&', '|')).join(' & ');

/** The same in FTS5's query language: tokens as strings, so none is read as an operator or column. */
export const fts5Query = (words: readonly QueryWord[]): string =>
  words.map((word) => wordQuery(word, (token) => `"${token.replace(/"/g, '""')}"`, 'AND', 'OR')).join(' AND ');

// --- writes --------------------------------------------------------------------------------

export async function readFingerprints(knex: Knex, documentIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const ids of chunks([...new Set(documentIds)])) {
    const rows = await knex(SEARCH_TABLES.documents).whereIn('document_id', ids).select('document_id', 'fingerprint');
    for (const row of rows) found.set(row.document_id, row.fingerprint);
  }
  return found;
}

export async function readAllFingerprints(knex: Knex): Promise<Map<string, string>> {
  const rows = await knex(SEARCH_TABLES.documents).select('document_id', 'fingerprint');
  return new Map(rows.map((row: any) => [row.document_id, row.fingerprint]));
}

export async function deleteEntries(knex: Knex, dialect: Dialect, documentIds: readonly string[]): Promise<void> {
  for (const ids of chunks([...new Set(documentIds)])) {
    const gone: any = await knex(SEARCH_TABLES.documents).whereIn('document_id', ids).first(knex.raw('count(*) AS n'), knex.raw('coalesce(sum(length), 0) AS length'));
    await addToTotals(knex, -Number(gone?.n ?? 0), -Number(gone?.length ?? 0));
    if (dialect === 'sqlite') {
      for (const table of [SEARCH_TABLES.tokens, SEARCH_TABLES.pairs]) {
        await knex(table).whereIn('rowid', knex(SEARCH_TABLES.documents).whereIn('document_id', ids).select('id')).delete();
      }
    }
    await knex(SEARCH_TABLES.documents).whereIn('document_id', ids).delete();
  }
}

export async function clearEntries(knex: Knex, dialect: Dialect): Promise<void> {
  forgetWordCounts();
  await knex.raw(`INSERT INTO ${SEARCH_TABLES.totals} (id, documents, length) VALUES (1, 0, 0) ON CONFLICT (id) DO UPDATE SET documents = 0, length = 0`);
  if (dialect === 'sqlite') {
    await knex(SEARCH_TABLES.tokens).delete();
    await knex(SEARCH_TABLES.pairs).delete();
  }
  await knex(SEARCH_TABLES.documents).delete();
}

/**
 * After a rebuild: PostgreSQL plans with fresh statistics (without them it may scan every vector
 * rather than use the GIN index), SQLite merges the FTS5 segments written batch by batch.
 */
export async function settleAfterRebuild(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await knex.raw(`ANALYZE ${SEARCH_TABLES.documents}`);
  else {
    for (const table of [SEARCH_TABLES.tokens, SEARCH_TABLES.pairs]) await knex.raw(`INSERT INTO ${table}(${table}) VALUES ('optimize')`);
  }
}

const documentRow = (entry: SearchEntry) => ({
  document_id: entry.documentId,
  category_id: entry.categoryId,
  source_id: entry.sourceId,
  date: entry.date,
  fingerprint: entry.fingerprint,
  text: entry.text,
  // BM25's document length (core/ranking.ts): the stored text's characters.
  length: Array.from(entry.text).length,
  letters: entry.letters,
});

/** Inserts entries for documents not in the index (delete them first to replace them). */
export async function insertEntries(knex: Knex, dialect: Dialect, entries: readonly SearchEntry[]): Promise<void> {
  // Bodies are long: batches stay well below both databases' statement limits.
  for (const batch of chunks(entries, 50)) {
    const rows = batch.map(documentRow);
    await addToTotals(knex, batch.length, rows.reduce((sum, row) => sum + row.length, 0));
    if (dialect === 'postgres') {
      await knex(SEARCH_TABLES.documents).insert(
        batch.map((entry, k) => ({
          ...rows[k],
          vector: knex.raw('?::tsvector', [tsvectorLiteral(entry.titleTokens, entry.bodyTokens)]),
          pairs: knex.raw('?::tsvector', [entry.pairs.map(lexeme).join(' ')]),
        })),
      );
      continue;
    }
    const inserted = await knex(SEARCH_TABLES.documents).insert(rows).returning('id');
    const ids = inserted.map((row: any) => (typeof row === 'object' ? row.id : row));
    await knex(SEARCH_TABLES.tokens).insert(
      batch.map((entry, k) => ({ rowid: ids[k], title: entry.titleTokens.join(' '), body: entry.bodyTokens.join(' ') })),
    );
    await knex(SEARCH_TABLES.pairs).insert(batch.map((entry, k) => ({ rowid: ids[k], pairs: entry.pairs.join(' ') })));
  }
}

// --- reads ---------------------------------------------------------------------------------

export interface MatchOptions {
  search: SearchText;
  /** The query's letters (core/search-terms fragmentOf): pages holding them as one run rank first, and are found when no word is. */
  fragment?: Fragment | null;
  categoryId?: number;
  sourceId?: number;
  /** ISO UTC bounds on the article's date: from inclusive, before exclusive. */
  from?: string;
  before?: string;
  sort: 'relevance' | 'newest';
  limit: number;
  offset: number;
}

export interface Match {
  documentId: string;
  score: number;
}

export interface Matches {
  /** How many articles match, up to MAX_CANDIDATES. */
  total: number;
  /** More articles match than MAX_CANDIDATES: `total` is that cap and the pages stop there. */
  capped: boolean;
  matches: Match[];
}

/**
 * At most this many matching articles are ranked into pages for one query. By relevance they are
 * the best this many of all matches (every match is scored); by `newest`, the newest. When more
 * match, the answer says it is capped and its total is this number.
 */
export const MAX_CANDIDATES = 1000;

/**
 * By relevance, at most this many matches are scored for one query: all of them when fewer match,
 * else the newest this many (chosen by date, so both databases score the same ones). A word in
 * most of the archive (发展) then costs what scoring this many costs, not what scoring every
 * article would; a narrower query is ranked over every match.
 */
export const MAX_SCORED = 10_000;

/** Scores are reported to four decimals: enough to order by, no noise between databases' floats. */
const roundScore = (score: number): number => Math.round(score * 10_000) / 10_000;

interface Candidate {
  document_id: string;
  date: string;
  /** BM25 (core/ranking.ts), as the database computed it. */
  score: number | string;
  /** 2: the title is the whole query as typed (core/search-terms queryKey); 1: it holds it; 0: neither. */
  title_hit: number | string;
  /** The stored search text, read for the proximity boost when the query has two words or more. */
  text?: string;
  /** How many articles match the query's words (relevance only: every match is counted). */
  total?: number | string;
  /** A fragment candidate that the words match too. */
  is_word?: number | string | boolean;
  /** The page holds the query's letters as one run (a fragment match). */
  exact?: boolean;
  /** BM25 plus the proximity boost. */
  rank?: number;
}

const rankOf = (row: Candidate): number => row.rank ?? Number(row.score);

/**
 * Best first: a page holding the query's letters as one run, then an article whose title is the
 * whole query as typed, then one whose title holds it (searching a headline finds its page first,
 * and a page titled exactly so before one that quotes it), then BM25 with the proximity boost,
 * then the newest.
 */
const byRelevance = (a: Candidate, b: Candidate): number =>
  Number(Boolean(b.exact)) - Number(Boolean(a.exact)) ||
  Number(b.title_hit) - Number(a.title_hit) || rankOf(b) - rankOf(a) || (b.date > a.date ? 1 : b.date < a.date ? -1 : 0) || (a.document_id < b.document_id ? -1 : 1);
const byDate = (a: Candidate, b: Candidate): number => (b.date > a.date ? 1 : b.date < a.date ? -1 : 0) || rankOf(b) - rankOf(a) || (a.document_id < b.document_id ? -1 : 1);

/** The filters a search may add, each as its condition on the documents table. */
const FILTER_CONDITIONS = [
  ['categoryId', 'd.category_id = ?'],
  ['sourceId', 'd.source_id = ?'],
  ['from', "d.date >= ? AND d.date <> ''"],
  ['before', "d.date < ? AND d.date <> ''"],
] as const;

/** PostgreSQL plans a word in 15% of the archive as a table scan that unpacks every vector it
 * passes (0.3 s for 1000 candidates at 100k); the GIN index finds them without unpacking any. */
const readCandidates = (knex: Knex, dialect: Dialect, sql: string, values: unknown[]) =>
  dialect === 'postgres'
    ? knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL enable_seqscan = off');
        return trx.raw(sql, values);
      })
    : knex.raw(sql, values);

interface Sql {
  sql: string;
  bindings: unknown[];
}

function filterConditions(options: MatchOptions): { where: string[]; bindings: unknown[] } {
  const where: string[] = [];
  const bindings: unknown[] = [];
  for (const [option, condition] of FILTER_CONDITIONS) {
    if (options[option] === undefined) continue;
    where.push(condition);
    bindings.push(options[option]);
  }
  return { where, bindings };
}

// --- ranking: BM25 (core/ranking.ts) computed in SQL, the same on both databases ------------

/** The first line of a stored text: the title (sync.ts entryOf). */
const titleOf = (dialect: Dialect, column: string): string =>
  dialect === 'postgres' ? `split_part(${column}, E'\\n', 1)` : `substr(${column}, 1, instr(${column} || char(10), char(10)) - 1)`;

/** A float bound as one on both databases (an integer-valued JavaScript number would bind as an integer on SQLite). */
const float = (dialect: Dialect): string => (dialect === 'postgres' ? 'CAST(? AS double precision)' : 'CAST(? AS REAL)');

/** How often a word occurs in a text, in SQL: the characters the text loses without it, over the word's length. */
function occurrences(haystack: string, needle: string): Sql {
  return { sql: `((length(${haystack}) - length(replace(${haystack}, ?, ''))) / ${Array.from(needle).length})`, bindings: [needle] };
}

/** Several SQL integers' least or greatest (SQLite's one-argument min/max would aggregate). */
function extreme(dialect: Dialect, kind: 'least' | 'greatest', terms: Sql[]): Sql {
  if (terms.length === 1) return terms[0];
  const name = dialect === 'postgres' ? kind.toUpperCase() : kind === 'least' ? 'min' : 'max';
  return { sql: `${name}(${terms.map((term) => term.sql).join(', ')})`, bindings: terms.flatMap((term) => term.bindings) };
}

/**
 * A query word's occurrences in a text: the word's own, or where the text holds it only as the
 * words inside it (QueryWord), the rarest of those.
 */
function wordOccurrences(dialect: Dialect, haystack: string, word: QueryWord): Sql {
  const own = occurrences(haystack, word.word);
  if (word.parts.length === 0) return own;
  return extreme(dialect, 'greatest', [own, extreme(dialect, 'least', word.parts.map((part) => occurrences(haystack, part)))]);
}

/** What ranking a query needs from the index's statistics: each word's BM25 constants and idf. */
export interface Ranking {
  words: QueryWord[];
  scorings: WordScoring[];
  idfs: number[];
}

/**
 * How many entries hold each word, as read lately by this process: PostgreSQL counts a common
 * word's matches from the table (tens of ms at 100k), and a word's count moves slowly. Kept a
 * minute at most, and forgotten on every write this process makes to the index.
 */
const WORD_COUNT_TTL_MS = 60_000;
const WORD_COUNTS_KEPT = 10_000;
const wordCounts = new Map<string, { n: number; read: number }>();

const forgetWordCounts = (): void => wordCounts.clear();

/** Adds to the totals row what entries were written (positive) or removed (negative). */
async function addToTotals(knex: Knex, documents: number, length: number): Promise<void> {
  forgetWordCounts();
  if (documents === 0) return;
  // An upsert: a row lost with the rest of an emptied archive starts again from this write.
  await knex.raw(
    `INSERT INTO ${SEARCH_TABLES.totals} (id, documents, length) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET documents = ${SEARCH_TABLES.totals}.documents + excluded.documents, length = ${SEARCH_TABLES.totals}.length + excluded.length`,
    [documents, length],
  );
}

async function countWithWord(knex: Knex, dialect: Dialect, word: QueryWord): Promise<number> {
  const key = JSON.stringify(word);
  const known = wordCounts.get(key);
  if (known && Date.now() - known.read < WORD_COUNT_TTL_MS) return known.n;
  const sql =
    dialect === 'postgres'
      ? `SELECT count(*) AS n FROM ${SEARCH_TABLES.documents} d WHERE d.vector @@ CAST(? AS tsquery)`
      : `SELECT count(*) AS n FROM ${SEARCH_TABLES.tokens} WHERE ${SEARCH_TABLES.tokens} MATCH ?`;
  const rows = rowsOf<{ n: number | string }>(await readCandidates(knex, dialect, sql, [dialect === 'postgres' ? tsqueryLiteral([word]) : fts5Query([word])]));
  const n = Number(rows[0]?.n ?? 0);
  if (wordCounts.size >= WORD_COUNTS_KEPT) wordCounts.clear();
  wordCounts.set(key, { n, read: Date.now() });
  return n;
}

/** The totals row and what the entries add up to: `check` compares them. */
export async function readTotals(knex: Knex): Promise<{ stored: [number, number]; counted: [number, number] }> {
  const stored = await knex(SEARCH_TABLES.totals).where({ id: 1 }).first('documents', 'length');
  const counted: any = await knex(SEARCH_TABLES.documents).first(knex.raw('count(*) AS n'), knex.raw('coalesce(sum(length), 0) AS length'));
  return { stored: [Number(stored?.documents ?? 0), Number(stored?.length ?? 0)], counted: [Number(counted?.n ?? 0), Number(counted?.length ?? 0)] };
}

/** Articles in the index and their average length (the totals row), and how many hold each word: BM25's statistics. */
export async function rankingOf(knex: Knex, dialect: Dialect, words: readonly QueryWord[]): Promise<Ranking> {
  const totals = await knex(SEARCH_TABLES.totals).where({ id: 1 }).first('documents', 'length');
  const indexed = Number(totals?.documents ?? 0);
  const averageLength = indexed > 0 ? Number(totals?.length ?? 0) / indexed : 0;
  const withWord = await Promise.all(words.map((word) => countWithWord(knex, dialect, word)));
  // A count read before this process's last look at the totals may exceed them by a write or two.
  const documents = Math.max(indexed, ...withWord);
  return {
    words: [...words],
    scorings: withWord.map((n) => wordScoring(documents, n, averageLength)),
    idfs: withWord.map((n) => idf(documents, n)),
  };
}

/**
 * The scored candidates matching `where`: an inner select counts each word's occurrences in the
 * title and in the whole text of every match, the outer one sums their BM25 terms, orders and
 * limits. `count(*) OVER ()` is every match, before the limit.
 */
function scoredSelect(dialect: Dialect, ranking: Ranking, search: SearchText, from: Sql, where: Sql, extra: Sql[], options: { text: boolean }): Sql {
  const columns: Sql[] = [
    { sql: 'd.document_id AS document_id, d.date AS date, d.length AS length', bindings: [] },
    {
      sql: `CASE WHEN ${titleOf(dialect, 'd.text')} = ? THEN 2 WHEN ${dialect === 'postgres' ? 'strpos' : 'instr'}(${titleOf(dialect, 'd.text')}, ?) > 0 THEN 1 ELSE 0 END AS title_hit`,
      bindings: [search.queryKey, search.queryKey],
    },
    ...ranking.words.flatMap((word, index) => {
      const inTitle = wordOccurrences(dialect, titleOf(dialect, 'd.text'), word);
      const inText = wordOccurrences(dialect, 'd.text', word);
      // Every candidate holds every word (the index says so): a word found only as its pinyin or across a space still counts once.
      const all = extreme(dialect, 'greatest', [{ sql: '1', bindings: [] }, inText]);
      return [
        { sql: `${inTitle.sql} AS t${index}`, bindings: inTitle.bindings },
        { sql: `${all.sql} AS a${index}`, bindings: all.bindings },
      ];
    }),
    ...extra,
  ];
  if (options.text) columns.push({ sql: 'd.text AS text', bindings: [] });
  const terms = ranking.words.map((_, index) => {
    const tf = `(s.a${index} + ${TITLE_WEIGHT - 1} * s.t${index})`;
    return `${float(dialect)} * ${tf} / (${tf} + ${float(dialect)} + ${float(dialect)} * s.length)`;
  });
  const termBindings = ranking.scorings.flatMap(({ weight, base, perCharacter }) => [weight, base, perCharacter]);
  const inner = `SELECT ${columns.map((column) => column.sql).join(', ')}, count(*) OVER () AS total FROM ${from.sql} WHERE ${where.sql}`;
  return {
    sql: `SELECT s.*, (${terms.join(' + ')}) AS score FROM (${inner}) s`,
    bindings: [...termBindings, ...columns.flatMap((column) => column.bindings), ...from.bindings, ...where.bindings],
  };
}

const RELEVANCE_ORDER = 'ORDER BY title_hit DESC, score DESC, date DESC, document_id';

/** The word index's condition: every word (or the words inside it), every quoted phrase as typed, the filters. */
function wordCondition(dialect: Dialect, options: MatchOptions): { from: string; where: Sql } {
  const where: string[] = [];
  const bindings: unknown[] = [];
  if (dialect === 'postgres') {
    where.push('d.vector @@ CAST(? AS tsquery)');
    bindings.push(tsqueryLiteral(options.search.words));
  } else {
    where.push(`${SEARCH_TABLES.tokens} MATCH ?`);
    bindings.push(fts5Query(options.search.words));
  }
  for (const phrase of options.search.phraseKeys) {
    where.push(dialect === 'postgres' ? 'strpos(d.text, ?) > 0' : 'instr(d.text, ?) > 0');
    bindings.push(phrase);
  }
  const filters = filterConditions(options);
  return {
    from: dialect === 'postgres' ? `${SEARCH_TABLES.documents} d` : `${SEARCH_TABLES.tokens} f JOIN ${SEARCH_TABLES.documents} d ON d.id = f.rowid`,
    where: { sql: [...where, ...filters.where].join(' AND '), bindings: [...bindings, ...filters.bindings] },
  };
}

/**
 * `where` narrowed to the newest `limit` rows it matches (date, then document id: the same rows on
 * both databases). SQLite reads their dates from the rank index, not from the wide rows.
 */
function newestOf(dialect: Dialect, where: Sql, limit: number): Sql {
  const [key, from] =
    dialect === 'postgres'
      ? ['d.document_id', `${SEARCH_TABLES.documents} d`]
      : ['d.id', `${SEARCH_TABLES.tokens} f JOIN ${SEARCH_TABLES.documents} d INDEXED BY ${SEARCH_TABLES.documents}_rank ON d.id = f.rowid`];
  return {
    sql: `${where.sql} AND ${key} IN (SELECT ${key} FROM ${from} WHERE ${where.sql} ORDER BY d.date DESC, d.document_id LIMIT ?)`,
    bindings: [...where.bindings, ...where.bindings, limit],
  };
}

/** Adds each candidate's rank: its BM25 score plus how close together its text holds the query's words. */
function addProximity(candidates: Candidate[], ranking: Ranking): void {
  const words = ranking.words.map(({ word }) => word);
  for (const row of candidates) row.rank = Number(row.score) + (row.text === undefined ? 0 : proximityBoost(row.text, words, ranking.idfs));
}

/** The stored texts of these entries (for the proximity boost), by document id. */
async function readTexts(knex: Knex, documentIds: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const ids of chunks([...documentIds])) {
    for (const row of await knex(SEARCH_TABLES.documents).whereIn('document_id', ids).select('document_id', 'text')) texts.set(row.document_id, row.text);
  }
  return texts;
}

/**
 * The best matches of the words by relevance, over all of them (up to MAX_SCORED). The database
 * scores every match once and returns the first MAX_CANDIDATES by title and BM25, without their
 * text. The proximity boost is at most maxProximityBoost, so only a row within that bound of the
 * `need`-th can end in the first `need` (MaxScore's bound): their texts are read and boosted, and
 * the rows after them keep their BM25 score.
 */
async function relevanceCandidates(knex: Knex, dialect: Dialect, ranking: Ranking, options: MatchOptions, need: number): Promise<{ candidates: Candidate[]; total: number }> {
  const { from, where: matching } = wordCondition(dialect, options);
  const select = scoredSelect(dialect, ranking, options.search, { sql: from, bindings: [] }, newestOf(dialect, matching, MAX_SCORED), [], { text: false });
  const candidates = rowsOf<Candidate>(await readCandidates(knex, dialect, `${select.sql} ${RELEVANCE_ORDER} LIMIT ?`, [...select.bindings, MAX_CANDIDATES]));
  const total = Number(candidates[0]?.total ?? 0);
  const bound = maxProximityBoost(ranking.idfs);
  const cut = candidates[Math.min(need, candidates.length) - 1];
  if (bound > 0 && cut) {
    // Rows come by title, then score: those that could reach the cut are a prefix.
    const reach = candidates.findIndex((row) => Number(row.title_hit) < Number(cut.title_hit) || (Number(row.title_hit) === Number(cut.title_hit) && Number(row.score) + bound < Number(cut.score)));
    const window = reach === -1 ? candidates : candidates.slice(0, reach);
    const texts = await readTexts(knex, window.map((row) => row.document_id));
    for (const row of window) row.text = texts.get(row.document_id);
  }
  addProximity(candidates, ranking);
  return { candidates, total };
}

/** The newest MAX_CANDIDATES + 1 matches (their dates are read for every match, their scores for these only). */
async function newestCandidates(knex: Knex, dialect: Dialect, ranking: Ranking, options: MatchOptions): Promise<Candidate[]> {
  const { from, where } = wordCondition(dialect, options);
  const select = scoredSelect(dialect, ranking, options.search, { sql: from, bindings: [] }, newestOf(dialect, where, MAX_CANDIDATES + 1), [], { text: false });
  const candidates = rowsOf<Candidate>(await readCandidates(knex, dialect, `${select.sql} ORDER BY date DESC, score DESC, document_id`, select.bindings));
  addProximity(candidates, ranking);
  return candidates;
}

/**
 * The pages holding the fragment's letters as one run: the pair index narrows them (every pair of
 * the fragment's spread must be there), the stored letters decide. Scored as word matches are,
 * and marked when the words match them too (for the total).
 */
async function fragmentCandidates(knex: Knex, dialect: Dialect, ranking: Ranking, fragment: Fragment, options: MatchOptions): Promise<Candidate[]> {
  const filters = filterConditions(options);
  const contains = (haystack: string) => (dialect === 'postgres' ? `strpos(${haystack}, ?) > 0` : `instr(${haystack}, ?) > 0`);
  const from = dialect === 'postgres' ? `${SEARCH_TABLES.documents} d` : `${SEARCH_TABLES.pairs} p JOIN ${SEARCH_TABLES.documents} d ON d.id = p.rowid`;
  const match = dialect === 'postgres' ? 'd.pairs @@ CAST(? AS tsquery)' : `${SEARCH_TABLES.pairs} MATCH ?`;
  const pairs = dialect === 'postgres' ? fragment.pairs.map(lexeme).join(' & ') : fragment.pairs.map((pair) => `"${pair.replace(/"/g, '""')}"`).join(' AND ');
  const words = wordCondition(dialect, { ...options, categoryId: undefined, sourceId: undefined, from: undefined, before: undefined });
  const isWord: Sql =
    dialect === 'postgres'
      ? { sql: `CASE WHEN ${words.where.sql} THEN 1 ELSE 0 END AS is_word`, bindings: words.where.bindings }
      : {
          sql: `CASE WHEN d.id IN (SELECT d.id FROM ${words.from} WHERE ${words.where.sql}) THEN 1 ELSE 0 END AS is_word`,
          bindings: words.where.bindings,
        };
  const where: Sql = { sql: [match, contains('d.letters'), ...filters.where].join(' AND '), bindings: [pairs, fragment.letters, ...filters.bindings] };
  const select = scoredSelect(dialect, ranking, options.search, { sql: from, bindings: [] }, where, [isWord], { text: ranking.words.length > 1 });
  const order = options.sort === 'newest' ? 'ORDER BY date DESC, score DESC, document_id' : RELEVANCE_ORDER;
  const candidates = rowsOf<Candidate>(await readCandidates(knex, dialect, `${select.sql} ${order} LIMIT ?`, [...select.bindings, MAX_CANDIDATES + 1]));
  addProximity(candidates, ranking);
  return candidates.map((row) => ({ ...row, exact: true }));
}

/**
 * The matching documents for one page, best first, and how many match (up to MAX_CANDIDATES).
 * By relevance, every match of the words is scored (BM25, core/ranking.ts) and the best are read;
 * for a query of four letters or more, the pages holding its letters as one run are read too and
 * rank first (a pasted fragment finds its page; words typed next to each other rank above the same
 * words apart). Then title, BM25 with proximity and date, as byRelevance says.
 */
export async function findMatches(knex: Knex, dialect: Dialect, options: MatchOptions): Promise<Matches> {
  const ranking = await rankingOf(knex, dialect, options.search.words);
  const need = options.offset + options.limit;
  let words: Candidate[];
  let total: number;
  if (options.sort === 'newest') {
    words = await newestCandidates(knex, dialect, ranking, options);
    total = words.length;
  } else {
    ({ candidates: words, total } = await relevanceCandidates(knex, dialect, ranking, options, Math.min(need, MAX_CANDIDATES)));
  }
  if (options.fragment) {
    const merged = new Map(words.map((row) => [row.document_id, row]));
    for (const row of await fragmentCandidates(knex, dialect, ranking, options.fragment, options)) {
      const known = merged.get(row.document_id);
      // A page the words match but whose row was not read is in `total` already.
      if (!known && !Number(row.is_word)) total += 1;
      merged.set(row.document_id, known ? { ...known, exact: true } : row);
    }
    words = [...merged.values()];
  }
  words.sort(options.sort === 'newest' ? byDate : byRelevance);
  const ranked = words.slice(0, MAX_CANDIDATES);
  return {
    total: Math.min(total, MAX_CANDIDATES),
    capped: total > MAX_CANDIDATES,
    matches: ranked.slice(options.offset, options.offset + options.limit).map((row) => ({ documentId: row.document_id, score: roundScore(rankOf(row)) })),
  };
}

// ---------------------------------------------------------------------------
// The articles the index is built from

export interface SearchableArticle {
  /** The published row's id. */
  id: number;
  documentId: string;
  slug: string | null;
  title: string;
  kicker: string | null;
  paragraphs: string[];
  sourcePublishedAt: string | null;
  snapshotAt: string | null;
  category: { id: number; name: string; slug: string | null } | null;
  source: { id: number; name: string; slug: string | null } | null;
}

/** Searchable article rows, with their category and source: refine with where/order/limit. */
function searchableRows(strapi: Core.Strapi, knex: Knex) {
  const t = articleTables(strapi);
  return knex(`${t.articles} as a`)
    .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.from}`, 'a.id')
    .leftJoin(`${t.categories} as c`, 'c.id', `ac.${t.articleCategory.to}`)
    .leftJoin(`${t.articleSource.table} as asrc`, `asrc.${t.articleSource.from}`, 'a.id')
    .leftJoin(`${t.sources} as s`, 's.id', `asrc.${t.articleSource.to}`)
    .where(whereVisible('a'))
    .select(
      'a.id', 'a.document_id', 'a.slug', 'a.title', 'a.kicker', 'a.body', 'a.source_published_at', 'a.snapshot_at',
      'c.id as category_id', 'c.name as category_name', 'c.slug as category_slug',
      's.id as source_id', 's.name as source_name', 's.slug as source_slug',
    );
}

function toArticle(row: any): SearchableArticle {
  const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
  return {
    id: row.id,
    documentId: row.document_id,
    slug: row.slug ?? null,
    title: row.title ?? '',
    kicker: row.kicker ?? null,
    paragraphs: blocksToParagraphs(body),
    sourcePublishedAt: isoOfStored(row.source_published_at),
    snapshotAt: isoOfStored(row.snapshot_at),
    category: row.category_id ? { id: row.category_id, name: row.category_name, slug: row.category_slug ?? null } : null,
    source: row.source_id ? { id: row.source_id, name: row.source_name, slug: row.source_slug ?? null } : null,
  };
}

/** The searchable versions of these documents; the others (drafts only, deleted, unknown) are absent. */
export async function findSearchable(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, SearchableArticle>> {
  const found = new Map<string, SearchableArticle>();
  for (const batch of chunks([...new Set(documentIds)])) {
    // The row ids first, then the rows by primary key: with `document_id IN (…)` in the same query,
    // SQLite, and PostgreSQL without fresh statistics, pick the index on withheld_at for its
    // `IS NULL` and read every article (0.3 s and 0.8 s for a page of hits at 100k).
    const ids: number[] = await knex(articleTables(strapi).articles).whereIn('document_id', batch).pluck('id');
    if (ids.length === 0) continue;
    const rows = await searchableRows(strapi, knex).whereIn('a.id', ids);
    for (const row of rows) found.set(row.document_id, toArticle(row));
  }
  return found;
}

/** One page of every searchable article, in row order after `afterId`: for a rebuild or a check. */
export async function searchablePage(strapi: Core.Strapi, knex: Knex, afterId: number, limit: number): Promise<SearchableArticle[]> {
  const rows = await searchableRows(strapi, knex).where('a.id', '>', afterId).orderBy('a.id').limit(limit);
  return rows.map(toArticle);
}

export async function countSearchable(strapi: Core.Strapi, knex: Knex): Promise<number> {
  const row = await knex(articleTables(strapi).articles).where(whereVisible()).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** The id of a category or source by slug, or null when there is none. */
export async function findIdBySlug(strapi: Core.Strapi, knex: Knex, kind: 'category' | 'source', slug: string): Promise<number | null> {
  const t = articleTables(strapi);
  const row = await knex(kind === 'category' ? t.categories : t.sources).where({ slug }).first('id');
  return row ? Number(row.id) : null;
}
