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
    if (dialect === 'sqlite') {
      for (const table of [SEARCH_TABLES.tokens, SEARCH_TABLES.pairs]) {
        await knex(table).whereIn('rowid', knex(SEARCH_TABLES.documents).whereIn('document_id', ids).select('id')).delete();
      }
    }
    await knex(SEARCH_TABLES.documents).whereIn('document_id', ids).delete();
  }
}

export async function clearEntries(knex: Knex, dialect: Dialect): Promise<void> {
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
  letters: entry.letters,
});

/** Inserts entries for documents not in the index (delete them first to replace them). */
export async function insertEntries(knex: Knex, dialect: Dialect, entries: readonly SearchEntry[]): Promise<void> {
  // Bodies are long: batches stay well below both databases' statement limits.
  for (const batch of chunks(entries, 50)) {
    if (dialect === 'postgres') {
      await knex(SEARCH_TABLES.documents).insert(
        batch.map((entry) => ({
          ...documentRow(entry),
          vector: knex.raw('?::tsvector', [tsvectorLiteral(entry.titleTokens, entry.bodyTokens)]),
          pairs: knex.raw('?::tsvector', [entry.pairs.map(lexeme).join(' ')]),
        })),
      );
      continue;
    }
    const inserted = await knex(SEARCH_TABLES.documents).insert(batch.map(documentRow)).returning('id');
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
  /** More articles match than MAX_CANDIDATES: `total` is that cap and only the candidates were ranked. */
  capped: boolean;
  matches: Match[];
}

/**
 * At most this many matching articles are ranked for one query, so a word found in most of the
 * archive (发展) costs what ranking this many costs, not what ranking every match would. When
 * more match, the answer says it is capped and its total is this number; the candidates are, by
 * relevance, the first ones the index yields (CANDIDATE_ORDER), and for `newest`, the newest.
 */
export const MAX_CANDIDATES = 1000;

/** Title matches count this many times a body match (SQLite bm25 column weights; PostgreSQL weights A and D, below). */
const TITLE_WEIGHT = 5;
/** ts_rank_cd weights {D, C, B, A}: body tokens are D, title tokens A. */
const POSTGRES_WEIGHTS = `'{${1 / TITLE_WEIGHT}, 0.2, 0.4, 1}'`;

/** Scores are reported to four decimals: enough to order by, no noise between databases' floats. */
const roundScore = (score: number): number => Math.round(score * 10_000) / 10_000;

/**
 * The order each index yields matches in without reading them all: SQLite's FTS5 walks its rowids
 * backwards (the most recently indexed first); PostgreSQL's GIN bitmap reads the table in the order
 * its rows lie (a rebuild writes them by article id).
 */
const CANDIDATE_ORDER = { sqlite: 'ORDER BY f.rowid DESC', postgres: '' } as const;

interface Candidate {
  document_id: string;
  date: string;
  score: number | string;
  /** 2: the title is the whole query as typed (core/search-terms queryKey); 1: it holds it; 0: neither. */
  title_hit: number | string;
  /** The page holds the query's letters as one run (a fragment match). */
  exact?: boolean;
}

const byRelevance = (a: Candidate, b: Candidate): number =>
  Number(Boolean(b.exact)) - Number(Boolean(a.exact)) ||
  Number(b.title_hit) - Number(a.title_hit) || Number(b.score) - Number(a.score) || (b.date > a.date ? 1 : b.date < a.date ? -1 : 0) || (a.document_id < b.document_id ? -1 : 1);
const byDate = (a: Candidate, b: Candidate): number => (b.date > a.date ? 1 : b.date < a.date ? -1 : 0) || Number(b.score) - Number(a.score) || (a.document_id < b.document_id ? -1 : 1);

/**
 * Best first: a page holding the query's letters as one run, then an article whose title is the
 * whole query as typed, then one whose title holds it (searching a headline finds its page first,
 * and a page titled exactly so before one that quotes it), then the score, then the newest.
 */
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

/** Drops the one candidate past the cap: the last the index yielded, or the last in date order. */
function capCandidates(candidates: Candidate[], sort: MatchOptions['sort']): boolean {
  if (candidates.length <= MAX_CANDIDATES) return false;
  const past =
    sort === 'newest'
      ? candidates.reduce((last, row) => (row.date < last.date || (row.date === last.date && row.document_id > last.document_id) ? row : last))
      : candidates[candidates.length - 1];
  candidates.splice(candidates.indexOf(past), 1);
  return true;
}

/**
 * The pages holding the fragment's letters as one run: the pair index narrows them (every pair of
 * the fragment's spread must be there), the stored letters decide. Title holders first.
 */
async function fragmentCandidates(knex: Knex, dialect: Dialect, fragment: Fragment, options: MatchOptions): Promise<{ candidates: Candidate[]; capped: boolean }> {
  const filters = filterConditions(options);
  const title = dialect === 'postgres' ? `split_part(d.letters, E'\\n', 1)` : 'substr(d.letters, 1, instr(d.letters || char(10), char(10)) - 1)';
  const contains = (haystack: string) => (dialect === 'postgres' ? `strpos(${haystack}, ?) > 0` : `instr(${haystack}, ?) > 0`);
  const from = dialect === 'postgres' ? `${SEARCH_TABLES.documents} d` : `${SEARCH_TABLES.pairs} p JOIN ${SEARCH_TABLES.documents} d ON d.id = p.rowid`;
  const match = dialect === 'postgres' ? 'd.pairs @@ CAST(? AS tsquery)' : `${SEARCH_TABLES.pairs} MATCH ?`;
  const pairs = dialect === 'postgres' ? fragment.pairs.map(lexeme).join(' & ') : fragment.pairs.map((pair) => `"${pair.replace(/"/g, '""')}"`).join(' AND ');
  const where = [match, contains('d.letters'), ...filters.where].join(' AND ');
  const order = options.sort === 'newest' ? 'ORDER BY d.date DESC, d.document_id' : '';
  const result = await readCandidates(
    knex,
    dialect,
    `SELECT d.document_id AS document_id, d.date AS date, 0 AS score, CASE WHEN ${contains(title)} THEN 1 ELSE 0 END AS title_hit FROM ${from} WHERE ${where} ${order} LIMIT ?`,
    [fragment.letters, pairs, fragment.letters, ...filters.bindings, MAX_CANDIDATES + 1],
  );
  const candidates = rowsOf<Candidate>(result).map((row) => ({ ...row, exact: true }));
  return { candidates, capped: capCandidates(candidates, options.sort) };
}

/**
 * The matching documents for one page, best first, and how many match (up to MAX_CANDIDATES).
 * The word index and, for a query of four letters or more, the fragment index each yield at most
 * MAX_CANDIDATES + 1 candidates; they are merged and ranked here: pages holding the query's
 * letters as one run first (a pasted fragment finds its page; words typed next to each other rank
 * above the same words apart), then by title, score and date as byRelevance says.
 */
export async function findMatches(knex: Knex, dialect: Dialect, options: MatchOptions): Promise<Matches> {
  const words = await wordCandidates(knex, dialect, options);
  if (!options.fragment) return page(words.candidates, words.capped, options);
  const fragments = await fragmentCandidates(knex, dialect, options.fragment, options);
  const merged = new Map(words.candidates.map((row) => [row.document_id, row]));
  for (const row of fragments.candidates) {
    const known = merged.get(row.document_id);
    merged.set(row.document_id, known ? { ...known, exact: true } : row);
  }
  return page([...merged.values()], words.capped || fragments.capped, options);
}

function page(candidates: Candidate[], capped: boolean, options: MatchOptions): Matches {
  candidates.sort(options.sort === 'newest' ? byDate : byRelevance);
  // Merged from two indexes, the best MAX_CANDIDATES are ranked and paged, as from one.
  const ranked = candidates.slice(0, MAX_CANDIDATES);
  const matches = ranked.slice(options.offset, options.offset + options.limit).map((row) => ({
    documentId: row.document_id,
    score: roundScore(Number(row.score)),
  }));
  return { total: ranked.length, capped: capped || candidates.length > MAX_CANDIDATES, matches };
}

async function wordCandidates(knex: Knex, dialect: Dialect, options: MatchOptions): Promise<{ candidates: Candidate[]; capped: boolean }> {
  const where: string[] = [];
  const bindings: unknown[] = [];
  let from: string;
  let score: string;
  let titleHit: string;
  const scoreBindings: unknown[] = [];
  if (dialect === 'postgres') {
    from = `${SEARCH_TABLES.documents} d`;
    where.push('d.vector @@ CAST(? AS tsquery)');
    bindings.push(tsqueryLiteral(options.search.words));
    score = `ts_rank_cd(${POSTGRES_WEIGHTS}, d.vector, CAST(? AS tsquery))`;
    scoreBindings.push(tsqueryLiteral(options.search.words));
    // The first line of the stored text is the title (search-index.ts entryOf).
    titleHit = `CASE WHEN split_part(d.text, E'\\n', 1) = ? THEN 2 WHEN strpos(split_part(d.text, E'\\n', 1), ?) > 0 THEN 1 ELSE 0 END`;
  } else {
    from = `${SEARCH_TABLES.tokens} f JOIN ${SEARCH_TABLES.documents} d ON d.id = f.rowid`;
    where.push(`${SEARCH_TABLES.tokens} MATCH ?`);
    bindings.push(fts5Query(options.search.words));
    // bm25 is lower for better matches.
    score = `-bm25(${SEARCH_TABLES.tokens}, ${TITLE_WEIGHT}, 1)`;
    const title = 'substr(d.text, 1, instr(d.text || char(10), char(10)) - 1)';
    titleHit = `CASE WHEN ${title} = ? THEN 2 WHEN instr(${title}, ?) > 0 THEN 1 ELSE 0 END`;
  }
  for (const phrase of options.search.phraseKeys) {
    where.push(dialect === 'postgres' ? 'strpos(d.text, ?) > 0' : 'instr(d.text, ?) > 0');
    bindings.push(phrase);
  }
  const filters = filterConditions(options);
  where.push(...filters.where);
  bindings.push(...filters.bindings);
  const condition = where.join(' AND ');
  const columns = `d.document_id AS document_id, d.date AS date, ${score} AS score, ${titleHit} AS title_hit`;
  const columnBindings = [...scoreBindings, options.search.queryKey, options.search.queryKey];
  // Newest: the newest matches, whose dates are read for every match (not their scores); relevance: the first the index yields.
  const key = dialect === 'postgres' ? 'd.document_id' : 'd.id';
  const result =
    options.sort === 'newest'
      ? await readCandidates(
          knex,
          dialect,
          `SELECT ${columns} FROM ${from} WHERE ${condition}
             AND ${key} IN (SELECT ${key} FROM ${from} WHERE ${condition} ORDER BY d.date DESC, d.document_id LIMIT ?)`,
          [...columnBindings, ...bindings, ...bindings, MAX_CANDIDATES + 1],
        )
      : await readCandidates(knex, dialect, `SELECT ${columns} FROM ${from} WHERE ${condition} ${CANDIDATE_ORDER[dialect]} LIMIT ?`, [
          ...columnBindings,
          ...bindings,
          MAX_CANDIDATES + 1,
        ]);
  const candidates = rowsOf<Candidate>(result);
  return { candidates, capped: capCandidates(candidates, options.sort) };
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
