#!/usr/bin/env node
/**
 * Benchmark of the related-articles endpoint (not a test):
 *
 *   npm run bench:related -- --n 100000 [--duration 15] [--connections 10] [--import 300]
 *
 * 1. Builds an archive of N synthetic published articles (SQLite in a temporary file, or a fresh
 *    PostgreSQL database on the server DATABASE_URL points at, dropped afterwards). The article
 *    rows (draft + published, category, 3 curated links each) are bulk-inserted with knex, since
 *    writing 100k articles through the Document Service takes too long for a run; the related
 *    index over them is then built as an operator builds it after a back-fill: `npm run reindex`'s
 *    rebuild (src/related).
 * 2. Measures with autocannon, in a separate process, requests/s and p50/p99 latency of
 *    GET /api/articles/:id (plain findOne: the floor) and GET /api/articles/:id/related on the
 *    same articles, and prints the ratio.
 * 3. Measures import throughput through the Document Service (create, status published) into that
 *    archive with and without write-time indexing, alternating, and prints the ratio and the
 *    index's cost per article (run with --n 0, 10000, 100000 to see it stay flat).
 */
const { compileStrapi } = require('@strapi/strapi');
const { fork } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '..');
const ARTICLE = 'api::article.article';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? Number(process.argv[at + 1]) : fallback;
}
const N = option('n', 10000);
const DURATION = option('duration', 15);
const CONNECTIONS = option('connections', 10);
const IMPORTS = option('import', 300);
const SAMPLE = Math.min(N, 2000);

// ---------------------------------------------------------------------------
// Synthetic text: each article is about one of many topics (a dozen rarer words) written with
// common filler words, so key terms and postings look like a real archive's.

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const zipf = (list) => list[Math.min(list.length - 1, Math.floor(Math.exp(random() * Math.log(list.length))) - 1)];

function vocabulary() {
  const words = fs
    .readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([word, frequency, tag]) => /^[\u4e00-\u9fff]{2,4}$/.test(word) && Number(frequency) > 200 && /^n|^v/.test(tag || ''))
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .map(([word]) => word);
  return { common: words.slice(0, 1500), rare: words.slice(1500, 20000) };
}

function makeWriter(topicCount) {
  const { common, rare } = vocabulary();
  const topics = Array.from({ length: topicCount }, () => Array.from({ length: 12 }, () => pick(rare)));
  return (i) => {
    const topic = topics[i % topics.length];
    const second = topics[(i * 7 + 3) % topics.length];
    const sentence = () =>
      Array.from({ length: 14 }, () => {
        const r = random();
        return r < 0.3 ? pick(topic) : r < 0.38 ? pick(second) : zipf(common);
      }).join('') + '。';
    const title = [pick(topic), zipf(common), pick(topic), pick(second)].join('');
    const paragraphs = Array.from({ length: 4 }, () => Array.from({ length: 3 }, sentence).join(''));
    return { title, paragraphs };
  };
}

const blocks = (paragraphs) => paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
const documentId = () => crypto.randomBytes(18).toString('base64').replace(/[^a-z0-9]/gi, '').toLowerCase().padEnd(24, '0').slice(0, 24);

// ---------------------------------------------------------------------------

/**
 * Multi-row inserts returning the new ids: 100 rows a statement on SQLite (knex writes a
 * multi-row insert there as a compound SELECT, capped at 500 terms), 1000 on PostgreSQL.
 */
async function insertRows(knex, table, rows) {
  const size = knex.client.config.client === 'postgres' || knex.client.config.client === 'pg' ? 1000 : 100;
  const ids = [];
  for (let i = 0; i < rows.length; i += size) {
    const inserted = await knex(table).insert(rows.slice(i, i + size)).returning('id');
    ids.push(...inserted.map((row) => (typeof row === 'object' ? row.id : row)));
  }
  return ids;
}

async function insertArchive(app, write) {
  const connection = app.db.connection;
  const meta = app.db.metadata.get(ARTICLE);
  const linkMeta = app.db.metadata.get('api::related-link.related-link');
  const categoryJoin = meta.attributes.category.joinTable;
  const linkArticleJoin = linkMeta.attributes.article.joinTable;

  const categories = [];
  for (const name of ['国内', '国际', '财经', '科技', '体育', '娱乐', '军事', '社会']) {
    categories.push(await app.documents('api::category.category').create({ data: { name } }));
  }
  const categoryIds = (await connection('categories').select('id')).map((row) => row.id);

  const now = new Date().toISOString();
  const published = [];
  // 5000 articles (45,000 rows) per transaction: one commit, not one per statement.
  const BATCH = 5000;
  for (let start = 0; start < N; start += BATCH) {
    await connection.transaction((knex) => insertBatch(knex, start));
  }
  return published;

  async function insertBatch(knex, start) {
    const rows = [];
    const texts = [];
    for (let i = start; i < Math.min(N, start + BATCH); i += 1) {
      const { title, paragraphs } = write(i);
      const id = documentId();
      const date = new Date(Date.UTC(2020, 0, 1) + i * 600_000).toISOString();
      const row = {
        document_id: id,
        title,
        slug: `bench-${i}`,
        body: JSON.stringify(blocks(paragraphs)),
        excerpt: paragraphs[0].slice(0, 120),
        source_published_at: date,
        snapshot_at: date,
        attribution: 'bench',
        created_at: now,
        updated_at: now,
      };
      rows.push({ ...row, published_at: null }, { ...row, published_at: now });
      texts.push(i);
      published.push(id);
    }
    const ids = await insertRows(knex, 'articles', rows);
    await insertRows(knex, categoryJoin.name, 
      ids.map((id, k) => ({ [categoryJoin.joinColumn.name]: id, [categoryJoin.inverseJoinColumn.name]: categoryIds[Math.floor(k / 2 + start) % categoryIds.length] })),
    );
    // Three curated links per article, as on a snapshot page (the seed has nine).
    const links = [];
    for (let k = 0; k < ids.length; k += 2) {
      for (let position = 0; position < 3; position += 1) {
        links.push({ title: `相关 ${start + k / 2}-${position}`, excerpt: '...相关资讯', date: now, position, document_id: documentId(), created_at: now, updated_at: now, published_at: now });
      }
    }
    const linkIds = await insertRows(knex, 'related_links', links);
    const linkRows = [];
    linkIds.forEach((linkId, k) => {
      const pair = Math.floor(k / 3) * 2;
      for (const articleId of [ids[pair], ids[pair + 1]]) {
        linkRows.push({ [linkArticleJoin.joinColumn.name]: linkId, [linkArticleJoin.inverseJoinColumn.name]: articleId });
      }
    });
    await insertRows(knex, linkArticleJoin.name, linkRows);
  }
}

function load(url, paths) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench-load.js'));
    child.once('message', (result) => {
      child.kill();
      resolve(result);
    });
    child.once('error', reject);
    child.send({ url, paths, duration: DURATION, connections: CONNECTIONS });
  });
}

async function importRun(app, write, from, count, indexing) {
  process.env.KUAIZHAO_RELATED_INDEXING = indexing ? 'on' : 'off';
  const categories = await app.documents('api::category.category').findMany({ fields: ['documentId'] });
  const started = process.hrtime.bigint();
  for (let i = from; i < from + count; i += 1) {
    const { title, paragraphs } = write(i);
    await app.documents(ARTICLE).create({
      data: { title, body: blocks(paragraphs), sourcePublishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), category: categories[i % categories.length].documentId },
      status: 'published',
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.env.KUAIZHAO_RELATED_INDEXING = 'on';
  return count / seconds;
}

async function reads(ids, port) {
  const url = `http://127.0.0.1:${port}`;
  const sample = Array.from({ length: SAMPLE }, (_, k) => ids[Math.floor((k * ids.length) / SAMPLE)]);
  const plain = sample.map((id) => `/api/articles/${id}`);
  const related = sample.map((id) => `/api/articles/${id}/related`);
  const check = await fetch(url + related[0]).then((res) => res.json());
  console.log(`  a sample /related answer has ${check.data?.length} items (${check.data?.filter((i) => i.kind === 'computed').length} computed)`);

  // Warm both paths, then measure each.
  await load(url, plain.slice(0, 200)).then(() => load(url, related.slice(0, 200)));
  const findOne = await load(url, plain);
  const rel = await load(url, related);
  console.log(`\nreads (${CONNECTIONS} connections, ${DURATION} s each, ${SAMPLE} distinct articles):`);
  for (const [label, r] of [['GET /api/articles/:id', findOne], ['GET /api/articles/:id/related', rel]]) {
    console.log(`  ${label.padEnd(32)} ${fmt(r.requestsPerSecond, 1).padStart(8)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}`);
  }
  if (findOne.non2xx + rel.non2xx + findOne.errors + rel.errors > 0) console.log('  NOT A MEASUREMENT: some requests failed');
  else console.log(`  ratio /related : findOne = ${fmt(rel.requestsPerSecond / findOne.requestsPerSecond, 2)} (target >= 0.90)`);
}

/** `--explain`: the plans of the statements one /related request runs (PostgreSQL; the prepared one's generic plan). */
async function explain(app, ids, port) {
  const knex = app.db.connection;
  const seen = [];
  const listener = (query) => seen.push(query);
  knex.on('query', listener);
  await fetch(`http://127.0.0.1:${port}/api/articles/${ids[1]}/related`).then((res) => res.text());
  knex.removeListener('query', listener);
  for (const query of seen) {
    console.log(`\n${query.sql}`);
    if (app.db.dialect.client !== 'postgres') continue;
    const plan = await knex.raw(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.bindings ?? []);
    console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
  // The request's prepared statements (src/indexes/prepared-statement.ts) bypass knex's events.
  // Its one parameter is the article's id. PostgreSQL runs them with a generic plan after five
  // runs on a connection, when no dearer than a custom one: that is the plan shown.
  const { preparedStatements } = require(path.join(APP_DIR, 'dist/src/indexes/prepared-statement.js'));
  for (const statement of preparedStatements(knex)) {
    console.log(`\n${statement.name} (prepared): ${statement.text}`);
    if (app.db.dialect.client !== 'postgres') continue;
    const values = statement.bind([ids[1]]);
    await knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL plan_cache_mode = force_generic_plan');
      await trx.raw(`PREPARE explained AS ${statement.text}`);
      // EXECUTE takes its values as literals, not as bound parameters.
      const execute = trx.raw(`EXECUTE explained(${values.map(() => '?').join(', ')})`, values).toQuery();
      const plan = await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
      console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
      await trx.raw('DEALLOCATE explained');
    });
  }
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  // The compiled app brings the shared throw-away database and boot helper (src/testing/throwaway-app.ts).
  await compileStrapi({ appDir: APP_DIR });
  const { bootApp, createThrowawayDatabase } = require(path.join(APP_DIR, 'dist/src/testing/throwaway-app.js'));
  const database = await createThrowawayDatabase(process.env.DATABASE_URL ? 'postgres' : 'sqlite', { prefix: 'kuaizhao_bench' });
  database.label = database.client;
  const port = 20000 + (process.pid % 10000);
  Object.assign(process.env, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_KEYS: 'bench1,bench2',
    ADMIN_JWT_SECRET: 'bench',
    API_TOKEN_SALT: 'bench',
    TRANSFER_TOKEN_SALT: 'bench',
    ENCRYPTION_KEY: 'bench',
    JWT_SECRET: 'bench',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'error',
    // Production turns the per-client rate limit on (config/middlewares.ts): one load generator
    // would measure its 429s.
    RATE_LIMIT_ENABLED: 'false',
    ...database.env,
  });
  let app;
  try {
    app = await bootApp();
    const write = makeWriter(Math.max(50, Math.round(N / 100)));

    console.log(`archive: ${fmt(N)} articles on ${database.label}, ${os.cpus().length} cores (${os.cpus()[0].model}), node ${process.version}`);
    let t = Date.now();
    const ids = await insertArchive(app, write);
    console.log(`  bulk insert of article rows: ${fmt((Date.now() - t) / 1000, 1)} s`);
    // The derived indexes /related reads, built as `npm run reindex` builds them: the related
    // index (each step timed) and the fingerprints (a copy of the same story is never related).
    const { rebuildRelatedInSteps } = require(path.join(APP_DIR, 'dist/src/related/sync.js'));
    const { fingerprintIndex } = require(path.join(APP_DIR, 'dist/src/fingerprints/index.js'));
    t = Date.now();
    let step = { label: 'epoch', started: t };
    const stepDone = () => console.log(`  rebuild ${step.label}: ${fmt((Date.now() - step.started) / 1000, 1)} s`);
    await rebuildRelatedInSteps(app, (done, total, label) => {
      if (label !== step.label) {
        stepDone();
        step = { label, started: Date.now() };
      }
    });
    console.log(`  related index built by reindex's rebuild: ${fmt((Date.now() - t) / 1000, 1)} s (${fmt((ids.length * 1000) / (Date.now() - t), 1)} articles/s)`);
    t = Date.now();
    await fingerprintIndex.rebuild(app);
    console.log(`  fingerprint index built by reindex's rebuild: ${fmt((Date.now() - t) / 1000, 1)} s`);
    // PostgreSQL plans from table statistics, which autovacuum refreshes a while after a bulk
    // load; until then a plan can scan whole tables. What an operator runs after a back-fill.
    if (app.db.dialect.client === 'postgres') await app.db.connection.raw('ANALYZE');

    await app.listen();
    if (N > 0 && process.argv.includes('--explain')) await explain(app, ids, port);
    if (N > 0) await reads(ids, port);

    const rounds = 2;
    const per = Math.max(1, Math.round(IMPORTS / rounds));
    let next = N;
    const without = [];
    const withIndex = [];
    for (let round = 0; round < rounds; round += 1) {
      without.push(await importRun(app, write, next, per, false));
      next += per;
      withIndex.push(await importRun(app, write, next, per, true));
      next += per;
    }
    const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
    console.log(`\nimport through the Document Service into the ${fmt(N)}-article archive (${rounds} alternating rounds of ${per}):`);
    console.log(`  without indexing ${fmt(mean(without), 1)} articles/s, with indexing ${fmt(mean(withIndex), 1)} articles/s`);
    console.log(`  ratio with : without = ${fmt(mean(withIndex) / mean(without), 2)}`);
    console.log(`  index cost per article: ${fmt(1000 / mean(withIndex) - 1000 / mean(without), 1)} ms`);
  } finally {
    // Strapi's pool shutdown can reject pending acquisitions after a load run; the database is
    // dropped (with FORCE on PostgreSQL) and the process exits instead.
    await database.drop();
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(String(error.stack || error).slice(0, 2000));
  process.exit(1);
});
