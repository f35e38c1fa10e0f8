/**
 * `npm run bench:search -- --n 100000`: a benchmark, not a test. Fills a fresh database with N
 * synthetic published articles (rows written straight by src/bench/synthetic-archive.ts, topic text
 * under the synthetic pages' headlines), builds the search index with its rebuild, then times, in one
 * run and interleaved, a fixed set of queries two ways: the search service, and the `$containsi`
 * filter a frontend uses today (title or body, each word; a page of 10 plus the total, as REST
 * answers). Prints p50 and p99 of both and their ratio.
 *
 * SQLite by default (a file in the temp directory); PostgreSQL when DATABASE_CLIENT=postgres and
 * DATABASE_URL point at a server (a database is created for the run and dropped).
 *
 * Options: --n articles (10000), --rounds times each query is asked each way (5), --budget
 * seconds for filling the archive (900): when inserting runs past it, the run goes on with the
 * articles inserted so far and says so; --keep leaves the database in place (and says where) to
 * look into it afterwards; --reuse times the queries again on such a database (named by
 * DATABASE_URL or DATABASE_FILENAME, with the same --n), without filling or indexing it.
 */
import type { Knex } from '../db/derived-index';
import { ARTICLE } from '../db/uids';
import os from 'node:os';
import { writeSyntheticArchive, type SyntheticArticle } from '../bench/synthetic-archive';
import { syntheticRecord, syntheticTitle } from '../bench/synthetic-pages';
import { topicText, type TopicText } from '../bench/topic-text';
import { parseSearchQuery, searchArticles } from '../search/read';
import { searchIndex } from '../search';
import { EXIT_USAGE, numberOption, withApp, runCommand } from './app';
import { createThrowawayDatabase, databaseClientFromEnv } from '../testing/throwaway-app';


/** The i-th of n articles: topic text under a synthetic headline, the synthetic page's other fields. */
function searchArchiveArticle(text: TopicText, n: number) {
  return (i: number): SyntheticArticle => {
    const record = syntheticRecord(i, n);
    const { title, paragraphs } = text.article(i);
    return {
      title,
      paragraphs,
      kicker: record.kicker,
      sourcePublishedAt: record.sourcePublishedAt!,
      snapshotAt: record.snapshotAt!,
      category: record.category!,
      source: record.source!,
    };
  };
}

/** The `$containsi` filter a frontend would send for the same words: each one in the title or the body. */
function containsFilter(q: string) {
  const words = q.replace(/["“”]/g, ' ').split(/\s+/).filter(Boolean);
  return { $and: words.map((word) => ({ $or: [{ title: { $containsi: word } }, { body: { $containsi: word } }] })) };
}

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await run();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(args: string[]): Promise<number> {
  const n = numberOption(args, 'n', 10000);
  const rounds = numberOption(args, 'rounds', 5);
  const budget = numberOption(args, 'budget', 900);
  const keep = args.includes('--keep');
  const reuse = args.includes('--reuse');
  if (![n, rounds, budget].every((value) => Number.isInteger(value) && value > 0)) {
    process.stderr.write('usage: npm run bench:search -- --n <articles> [--rounds <per query>] [--budget <seconds to fill>] [--keep | --reuse]\n');
    return EXIT_USAGE;
  }
  // --reuse: the database DATABASE_URL / DATABASE_FILENAME names, as a --keep run left it.
  const database = reuse
    ? { client: databaseClientFromEnv(), env: {} as Record<string, string>, drop: async () => {} }
    : await createThrowawayDatabase(databaseClientFromEnv(), { prefix: 'kuaizhao_bench_search' });
  Object.assign(process.env, database.env);
  try {
    await withApp(async (strapi) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      log(`search vs $containsi on ${database.client === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${os.cpus().length} cores, node ${process.version} (shared machine: figures are indicative)`);
      const text = topicText({ articles: n, headline: syntheticTitle });
      let size: number;
      if (reuse) {
        const [{ n: indexed }] = await strapi.db.connection('search_index_documents').count({ n: '*' });
        size = Number(indexed);
        log(`  reusing the ${size} articles and the search index already in the database (filled by an earlier --keep run with --n ${n})`);
      } else {
        let took: number;
        [took, size] = await time(async () => (await writeSyntheticArchive(strapi, { count: n, budgetMs: budget * 1000, article: searchArchiveArticle(text, n) })).length);
        log(`  inserted ${size} articles in ${(took / 1000).toFixed(1)} s${size < n ? ` (budget of ${budget} s reached before ${n})` : ''}`);
        let last = 0;
        [took] = await time(() =>
          searchIndex.rebuild(strapi, (done, total) => {
            if (done - last >= 10000 || done === total) process.stderr.write(`  indexed ${done}/${total}\n`);
            if (done - last >= 10000) last = done;
          }),
        );
        log(`  search index rebuilt in ${(took / 1000).toFixed(1)} s (${((size * 1000) / took).toFixed(0)} articles/s)`);

        // What the bulk import pays per batch: sync of 500 documents whose entries are all stale.
        const stale = (await strapi.db.connection('search_index_documents').orderBy('document_id').limit(500).pluck('document_id')) as string[];
        await strapi.db.connection('search_index_documents').whereIn('document_id', stale).update({ fingerprint: 'stale' });
        [took] = await time(() => strapi.db.transaction(({ trx }) => searchIndex.sync(strapi, trx as unknown as Knex, stale)));
        log(`  sync of ${stale.length} changed documents: ${(took / 1000).toFixed(2)} s`);
      }

      // From rare to common, a phrase, a headline, a word no article has (a Chinese one could match as two words apart).
      const sample = { ...text.article(Math.floor(size / 2)), common: text.common };
      const queries = [
        sample.topic[0],
        `${sample.topic[1]} ${sample.topic[2]}`,
        sample.common[1000],
        sample.common[100],
        sample.common[3],
        `${sample.common[50]} ${sample.topic[3]}`,
        `"${sample.paragraphs[1].slice(14, 26)}"`,
        sample.title,
        'kuaizhao',
      ];
      // Fragments as readers paste them: twelve letters of a paragraph, punctuation dropped, cut mid-word.
      const fragments = [3, 2, 1.5].map((part) => {
        const letters = Array.from(text.article(Math.floor(size / part)).paragraphs.join('').replace(/[^\p{L}\p{N}]+/gu, ''));
        return letters.slice(7, 19).join('');
      });
      queries.push(...fragments);
      const samples = { search: [] as number[], contains: [] as number[], fragments: [] as number[] };
      const perQuery: string[] = [];
      // One untimed round of every query both ways first: the first search after boot loads
      // jieba's dictionary, and one such sample in 45 is the p99.
      for (const q of queries) {
        await searchArticles(strapi, parseSearchQuery({ q }));
        await strapi.documents(ARTICLE).count({ filters: containsFilter(q) as any, status: 'published' });
      }
      for (const q of queries) {
        const filters = containsFilter(q);
        const own = { search: [] as number[], contains: [] as number[] };
        let totals = '';
        for (let round = 0; round < rounds; round += 1) {
          const [searchMs, hits] = await time(() => searchArticles(strapi, parseSearchQuery({ q })));
          const [containsMs, [, count]] = await time(() =>
            Promise.all([
              strapi.documents(ARTICLE).findMany({ filters: filters as any, status: 'published', start: 0, limit: 10 }),
              strapi.documents(ARTICLE).count({ filters: filters as any, status: 'published' }),
            ]),
          );
          own.search.push(searchMs);
          own.contains.push(containsMs);
          totals = `search ${hits.meta.pagination.total}${hits.meta.capped ? ' (capped)' : ''} hits, $containsi ${count}`;
        }
        samples.search.push(...own.search);
        if (fragments.includes(q)) samples.fragments.push(...own.search);
        samples.contains.push(...own.contains);
        perQuery.push(`  ${q.padEnd(24)} p50 search ${ms(percentile(own.search, 50))}, $containsi ${ms(percentile(own.contains, 50))}  (${totals})`);
      }
      log(`\n${queries.length} queries x ${rounds} rounds, each way, interleaved, after one untimed round, on ${size} articles:`);
      for (const line of perQuery) log(line);
      const row = (label: string, list: number[]) => `  ${label.padEnd(11)} p50 ${ms(percentile(list, 50)).padStart(10)}   p99 ${ms(percentile(list, 99)).padStart(10)}`;
      log(row('search', samples.search));
      log(row('fragments', samples.fragments));
      log(row('$containsi', samples.contains));
      const ratio = (p: number) => (percentile(samples.contains, p) / percentile(samples.search, p)).toFixed(1);
      log(`  search is ${ratio(50)}x faster at p50, ${ratio(99)}x at p99 (target >= 20x)`);
    });
  } finally {
    if (keep || reuse) process.stdout.write(`kept the database: ${Object.entries(database.env).map(([name, value]) => `${name}=${value}`).join(' ')}\n`);
    else await database.drop();
  }
  return 0;
}

runCommand(main);
