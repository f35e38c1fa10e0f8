/**
 * `npm run bench:related -- --n 100000 [--duration 15] [--connections 10] [--import 300] [--explain]`:
 * a benchmark of the related-articles endpoint, not a test.
 *
 * 1. Builds an archive of N synthetic published articles on a throw-away database (SQLite in a
 *    temporary file, or a fresh PostgreSQL database on the server DATABASE_URL points at, dropped
 *    afterwards). The article rows (draft + published, category, 3 curated links each) are written
 *    straight by src/bench/synthetic-archive.ts, since writing 100k articles through the Document
 *    Service takes too long for a run; the related index over them is then built as an operator
 *    builds it after a back-fill: `npm run reindex`'s rebuild (src/related).
 * 2. Measures with autocannon, in a separate process, requests/s and p50/p99 latency of
 *    GET /api/articles/:id (plain findOne: the floor) and GET /api/articles/:id/related on the
 *    same articles, and prints the ratio.
 * 3. Measures import throughput through the Document Service (create, status published) into that
 *    archive with and without write-time indexing, alternating, and prints the ratio and the
 *    index's cost per article (run with --n 0, 10000, 100000 to see it stay flat).
 *
 * --explain prints the statements one /related request runs, with their plans on PostgreSQL.
 */
import type { Core } from '@strapi/strapi';
import os from 'node:os';
import { measureLoad, type Load } from '../bench/autocannon';
import { writeSyntheticArchive, type SyntheticArticle } from '../bench/synthetic-archive';
import { topicText, type TopicText } from '../bench/topic-text';
import { paragraphsToBlocks } from '../core/body';
import { fingerprintIndex } from '../fingerprints';
import { INDEXING_SWITCH } from '../db/derived-index';
import { preparedStatements } from '../db/prepared-statement';
import { ARTICLE, CATEGORY } from '../db/uids';
import { rebuildRelatedInSteps } from '../related/rebuild';
import { startThrowawayApp } from '../testing/throwaway-app';
import { EXIT_USAGE, numberOption, runCommand } from './app';

const CATEGORIES = ['国内', '国际', '财经', '科技', '体育', '娱乐', '军事', '社会'];

interface Options {
  n: number;
  duration: number;
  connections: number;
  imports: number;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * The i-th article of the archive: about one of many topics, with a share of a second one so that
 * articles of two topics are related, one every ten minutes from 2020, round the categories.
 */
function relatedArchiveArticle(text: TopicText) {
  return (i: number): SyntheticArticle => {
    const { title, paragraphs } = text.article(i);
    const date = new Date(Date.UTC(2020, 0, 1) + i * 600_000).toISOString();
    return {
      title,
      paragraphs,
      excerpt: paragraphs[0].slice(0, 120),
      sourcePublishedAt: date,
      snapshotAt: date,
      attribution: 'bench',
      category: CATEGORIES[i % CATEGORIES.length],
    };
  };
}

/** Articles from..from + count - 1 through the Document Service, with write-time indexing on or off; articles/s. */
async function importRun(app: Core.Strapi, text: TopicText, from: number, count: number, indexing: boolean): Promise<number> {
  process.env[INDEXING_SWITCH] = indexing ? 'on' : 'off';
  const categories = await app.documents(CATEGORY).findMany({ fields: ['documentId'] });
  const started = process.hrtime.bigint();
  for (let i = from; i < from + count; i += 1) {
    const { title, paragraphs } = text.article(i);
    await app.documents(ARTICLE).create({
      data: {
        title,
        body: paragraphsToBlocks(paragraphs),
        sourcePublishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        category: categories[i % categories.length].documentId,
      } as any,
      status: 'published',
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.env[INDEXING_SWITCH] = 'on';
  return count / seconds;
}

async function reads(ids: string[], url: string, { duration, connections }: Options): Promise<void> {
  const sampleSize = Math.min(ids.length, 2000);
  const sample = Array.from({ length: sampleSize }, (_, k) => ids[Math.floor((k * ids.length) / sampleSize)]);
  const plain = sample.map((id) => `/api/articles/${id}`);
  const related = sample.map((id) => `/api/articles/${id}/related`);
  const check = (await fetch(url + related[0]).then((res) => res.json())) as { data?: { kind: string }[] };
  console.log(`  a sample /related answer has ${check.data?.length} items (${check.data?.filter((i) => i.kind === 'computed').length} computed)`);

  const load = (paths: string[]) => measureLoad(url, paths, connections, duration);
  // Warm both paths, then measure each.
  await load(plain.slice(0, 200)).then(() => load(related.slice(0, 200)));
  const findOne = await load(plain);
  const rel = await load(related);
  console.log(`\nreads (${connections} connections, ${duration} s each, ${sampleSize} distinct articles):`);
  for (const [label, r] of [
    ['GET /api/articles/:id', findOne],
    ['GET /api/articles/:id/related', rel],
  ] as [string, Load][]) {
    console.log(`  ${label.padEnd(32)} ${fmt(r.requestsPerSecond, 1).padStart(8)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}`);
  }
  if (findOne.non2xx + rel.non2xx + findOne.errors + rel.errors > 0) console.log('  NOT A MEASUREMENT: some requests failed');
  else console.log(`  ratio /related : findOne = ${fmt(rel.requestsPerSecond / findOne.requestsPerSecond, 2)} (target >= 0.90)`);
}

/** `--explain`: the plans of the statements one /related request runs (PostgreSQL; the prepared one's generic plan). */
async function explain(app: Core.Strapi, ids: string[], url: string): Promise<void> {
  const knex = app.db.connection;
  const seen: { sql: string; bindings?: readonly unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: readonly unknown[] }) => seen.push(query);
  knex.on('query', listener);
  await fetch(`${url}/api/articles/${ids[1]}/related`).then((res) => res.text());
  knex.removeListener('query', listener);
  const postgres = app.db.dialect.client === 'postgres';
  for (const query of seen) {
    console.log(`\n${query.sql}`);
    if (!postgres) continue;
    const plan = await knex.raw(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, (query.bindings ?? []) as any);
    console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
  }
  // The request's prepared statements (src/indexes/prepared-statement.ts) bypass knex's events.
  // Its one parameter is the article's id. PostgreSQL runs them with a generic plan after five
  // runs on a connection, when no dearer than a custom one: that is the plan shown.
  for (const statement of preparedStatements(knex)) {
    console.log(`\n${statement.name} (prepared): ${statement.text}`);
    if (!postgres) continue;
    const values = statement.bind([ids[1]]);
    await knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL plan_cache_mode = force_generic_plan');
      await trx.raw(`PREPARE explained AS ${statement.text}`);
      // EXECUTE takes its values as literals, not as bound parameters.
      const execute = trx.raw(`EXECUTE explained(${values.map(() => '?').join(', ')})`, values as any).toQuery();
      const plan = await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
      console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
      await trx.raw('DEALLOCATE explained');
    });
  }
}

/**
 * The derived indexes /related reads, built as `npm run reindex` builds them: the related index
 * (each step timed) and the fingerprints (a copy of the same story is never related).
 */
async function buildIndexes(app: Core.Strapi, articles: number): Promise<void> {
  let t = Date.now();
  let step = { label: 'epoch', started: t };
  const stepDone = () => console.log(`  rebuild ${step.label}: ${fmt((Date.now() - step.started) / 1000, 1)} s`);
  await rebuildRelatedInSteps(app, (_done, _total, label) => {
    if (label !== step.label) {
      stepDone();
      step = { label, started: Date.now() };
    }
  });
  console.log(`  related index built by reindex's rebuild: ${fmt((Date.now() - t) / 1000, 1)} s (${fmt((articles * 1000) / (Date.now() - t), 1)} articles/s)`);
  t = Date.now();
  await fingerprintIndex.rebuild(app);
  console.log(`  fingerprint index built by reindex's rebuild: ${fmt((Date.now() - t) / 1000, 1)} s`);
  // PostgreSQL plans from table statistics, which autovacuum refreshes a while after a bulk
  // load; until then a plan can scan whole tables. What an operator runs after a back-fill.
  if (app.db.dialect.client === 'postgres') await app.db.connection.raw('ANALYZE');
}

async function main(args: string[]): Promise<number> {
  const options: Options = {
    n: numberOption(args, 'n', 10000),
    duration: numberOption(args, 'duration', 15),
    connections: numberOption(args, 'connections', 10),
    imports: numberOption(args, 'import', 300),
  };
  const { n, imports } = options;
  if (!Number.isInteger(n) || n < 0 || !(options.duration > 0) || !Number.isInteger(options.connections) || options.connections < 1 || !Number.isInteger(imports) || imports < 1) {
    process.stderr.write('usage: npm run bench:related -- [--n <articles>] [--duration <seconds>] [--connections <clients>] [--import <articles>] [--explain]\n');
    return EXIT_USAGE;
  }
  const running = await startThrowawayApp({
    prefix: 'kuaizhao_bench',
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      // Production turns the per-client rate limit on (config/middlewares.ts): one load generator
      // would measure its 429s.
      RATE_LIMIT_ENABLED: 'false',
      // Production builds absolute links from PUBLIC_URL and refuses to start without it; the load generator reaches it locally.
      PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://127.0.0.1',
    },
  });
  const { app, database } = running;
  try {
    const text = topicText({ articles: n, secondTopicShare: 0.08 });
    console.log(`archive: ${fmt(n)} articles on ${database.client}, ${os.cpus().length} cores (${os.cpus()[0].model}), node ${process.version}`);
    const t = Date.now();
    const ids = await writeSyntheticArchive(app, { count: n, article: relatedArchiveArticle(text), curatedLinks: 3 });
    console.log(`  bulk insert of article rows: ${fmt((Date.now() - t) / 1000, 1)} s`);
    await buildIndexes(app, ids.length);
    // The imports go round every category, also into an archive too small to hold them all.
    for (const name of CATEGORIES) {
      if (!(await app.db.query(CATEGORY).findOne({ where: { name } }))) await app.documents(CATEGORY).create({ data: { name } as any });
    }

    await app.listen();
    const address = app.server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
    const url = `http://127.0.0.1:${address.port}`;
    if (n > 0 && args.includes('--explain')) await explain(app, ids, url);
    if (n > 0) await reads(ids, url, options);

    const rounds = 2;
    const per = Math.max(1, Math.round(imports / rounds));
    let next = n;
    const without: number[] = [];
    const withIndex: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      without.push(await importRun(app, text, next, per, false));
      next += per;
      withIndex.push(await importRun(app, text, next, per, true));
      next += per;
    }
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    console.log(`\nimport through the Document Service into the ${fmt(n)}-article archive (${rounds} alternating rounds of ${per}):`);
    console.log(`  without indexing ${fmt(mean(without), 1)} articles/s, with indexing ${fmt(mean(withIndex), 1)} articles/s`);
    console.log(`  ratio with : without = ${fmt(mean(withIndex) / mean(without), 2)}`);
    console.log(`  index cost per article: ${fmt(1000 / mean(withIndex) - 1000 / mean(without), 1)} ms`);
  } finally {
    // Not running.stop(): Strapi's pool shutdown can reject pending acquisitions after a load run.
    // The database is dropped (with FORCE on PostgreSQL) and the process exits instead.
    await database.drop();
  }
  return 0;
}

runCommand(main);
