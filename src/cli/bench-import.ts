/**
 * `npm run bench:import -- --n 1000 [--sizes 0,10000,100000] [--loops bulk,naive]`: a benchmark,
 * not a test. Generates N synthetic pages in the seed layout and grows one archive of other
 * synthetic articles through the sizes, smallest first (untimed, as an operator back-fills: the
 * bulk import with indexing off, then `npm run reindex` builds every derived index, so the archive
 * holds what the product would). At each size it imports the N pages into a copy of the archive,
 * in a fresh process per loop:
 *
 * - `bulk`: the importer with --bulk (matching, relations, related links, derived indexes);
 * - `naive`: one Document Service create (published) per article, nothing else;
 * - `importer`: the importer's default path, one Document Service write per article (optional).
 *
 * Prints articles per second and peak memory per size and loop, bulk / naive per size, and each
 * loop's speed at every size against its speed into an empty archive.
 *
 * BENCH_PROFILE=DIR writes a CPU profile of each timed loop; BENCH_SQL=1 prints its statements by
 * shape, count and time; BENCH_NODE_ARGS passes node flags to every worker process.
 *
 * SQLite by default (a file in the temp directory); PostgreSQL when DATABASE_CLIENT=postgres and
 * DATABASE_URL point at a server (databases are created per run and dropped).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { articleFieldsOf } from '../core/article-input';
import { parseSnapshotPage } from '../core/snapshot-page';
import { syntheticPage, syntheticRecord } from '../bench/synthetic-pages';
import { ArticleImporter } from '../import/importer';
import { listInputFiles } from '../import/input';
import { importFiles } from '../import/run-import';
import { copyThrowawayDatabase, type DatabaseClient, type ThrowawayDatabase } from '../testing/throwaway-app';
import { atEachArchiveSize, option, round, runWorker, sampleRss, startSqlTimes } from '../bench/archive-runs';
import { ARTICLE } from '../db/uids';
import { EXIT_USAGE, withApp, runCommand } from './app';

const LOOPS = ['bulk', 'naive', 'importer'] as const;
type Loop = (typeof LOOPS)[number];

interface Measure {
  loop: Loop;
  size: number;
  articles: number;
  failed: number;
  seconds: number;
  /** CPU time of the worker during the loop (user + system), less sensitive than wall time to what else runs. */
  cpuSeconds: number;
  /** Highest RSS sampled every 20 ms during the loop, in MB. */
  sampledPeakRssMb: number;
  /** The process's RSS high-water mark (getrusage), boot included, in MB. */
  maxRssMb: number;
  /** RSS just before the loop started (after boot), in MB. */
  startRssMb: number;
}

/** Articles per transaction of the untimed fill (without indexing, larger batches than an import's). */
const FILL_BATCH = 1000;

/** Worker: writes synthetic articles `from`..`from + count - 1` through the bulk path. */
async function fill(from: number, count: number): Promise<void> {
  await withApp(async (strapi) => {
    const importer = new ArticleImporter(strapi, { publish: true, dryRun: false, bulk: true });
    const started = Date.now();
    let said = started;
    for (let i = 0; i < count; i += FILL_BATCH) {
      const records = Array.from({ length: Math.min(FILL_BATCH, count - i) }, (_, k) => syntheticRecord(from + i + k, from + count));
      const failed = (await importer.importBatch(records)).filter((result) => 'error' in result);
      if (failed.length > 0) throw new Error(`filling the archive failed: ${(failed[0] as { error: Error }).error.message}`);
      if (Date.now() - said > 10_000) {
        said = Date.now();
        process.stderr.write(`  filled ${i + records.length} of ${count} (${((i + records.length) / ((said - started) / 1000)).toFixed(0)}/s)\n`);
      }
    }
  });
}

/**
 * With BENCH_PROFILE=DIR, a CPU profile of the timed loop alone (not the boot) is written to
 * DIR/<loop>-<size>.cpuprofile (open it in Chrome's DevTools): where an import's time goes.
 */
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return null;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) => new Promise<any>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async (name) => {
    const { profile } = await post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

/** Worker: boots, times one loop over the pages, prints the measure as JSON. */
async function measureLoop(loop: Loop, size: number, dir: string): Promise<void> {
  await withApp(async (strapi) => {
    const files = listInputFiles([dir]).files;
    const rss = sampleRss();
    const profiling = await startProfile();
    const sqlTimes = startSqlTimes(strapi);
    const started = process.hrtime.bigint();
    const cpuAtStart = process.cpuUsage();
    let articles = 0;
    let failed = 0;
    if (loop === 'naive') {
      for (const file of files) {
        const { record } = parseSnapshotPage(await fs.promises.readFile(file, 'utf8'));
        await strapi.documents(ARTICLE).create({ data: articleFieldsOf(record) as any, status: 'published' });
        articles += 1;
      }
    } else {
      const report = await importFiles(strapi, files, { publish: true, dryRun: false, bulk: loop === 'bulk' });
      articles = report.created + report.updated + report.unchanged;
      failed = report.failed;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuAtStart);
    await profiling?.(`${loop}-${size}`);
    sqlTimes?.();
    const peakMb = rss.stop();
    const measure: Measure = {
      loop,
      size,
      articles,
      failed,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      sampledPeakRssMb: peakMb,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      startRssMb: rss.startMb,
    };
    process.stdout.write(`BENCH ${JSON.stringify(measure)}\n`);
  });
}

function generate(n: number, dir: string): void {
  for (let i = 0; i < n; i += 1) {
    // A thousand pages per folder, as crawls are usually stored.
    const folder = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${String(i).padStart(6, '0')}.txt`), syntheticPage(i, n));
  }
}

/** Runs this file as a worker process against `database`; returns its stdout. */
const runBenchWorker = (database: ThrowawayDatabase, args: string[]) => runWorker(database, __filename, ['--worker', ...args]);

async function measure(archive: ThrowawayDatabase, loop: Loop, size: number, pages: string): Promise<Measure> {
  const database = await copyThrowawayDatabase(archive, { prefix: `kuaizhao_bench_${loop}` });
  try {
    const output = runBenchWorker(database, ['measure', loop, String(size), pages]);
    const line = output.split('\n').find((text) => text.startsWith('BENCH '));
    if (!line) throw new Error(`the ${loop} run printed no measure:\n${output}`);
    return JSON.parse(line.slice('BENCH '.length));
  } finally {
    await database.drop();
  }
}

const rate = (m: Measure) => m.articles / m.seconds;

async function main(args: string[]): Promise<number> {
  if (args[0] === '--worker') {
    if (args[1] === 'fill') await fill(Number(args[2]), Number(args[3]));
    else await measureLoop(args[2] as Loop, Number(args[3]), args[4]);
    return 0;
  }
  const n = Number(option(args, '--n') ?? 1000);
  const sizes = (option(args, '--sizes') ?? '0,10000,100000').split(',').map(Number);
  const loops = (option(args, '--loops') ?? 'bulk,naive').split(',') as Loop[];
  if (!Number.isInteger(n) || n < 1 || sizes.some((s) => !Number.isInteger(s) || s < 0) || loops.some((l) => !LOOPS.includes(l))) {
    process.stderr.write('usage: npm run bench:import -- --n <pages> [--sizes 0,10000,100000] [--loops bulk,naive,importer]\n');
    return EXIT_USAGE;
  }
  const client: DatabaseClient = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-bench-'));
  const results: Measure[] = [];
  try {
    const pages = path.join(tmp, 'pages');
    generate(n, pages);
    process.stderr.write(`generated ${n} pages (${client}, ${os.cpus().length} cores)\n`);
    await atEachArchiveSize(client, 'kuaizhao_bench_archive', n, sizes, async (archive, size) => {
      for (const loop of loops) {
        process.stderr.write(`  ${loop} into ${size}...\n`);
        const m = await measure(archive, loop, size, pages);
        process.stderr.write(`  ${loop} into ${size}: ${round(rate(m))} articles/s\n`);
        results.push(m);
      }
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const lines = results.map(
    (m) =>
      `${String(m.size).padStart(7)} archived  ${m.loop.padEnd(8)} ${String(m.articles).padStart(6)} articles ${round(m.seconds).padStart(7)} s ` +
      `${round(rate(m)).padStart(7)} articles/s (CPU ${round(m.cpuSeconds)} s)  peak RSS ${round(m.sampledPeakRssMb, 0)} MB ` +
      `(after boot ${round(m.startRssMb, 0)} MB, high-water ${round(m.maxRssMb, 0)} MB)${m.failed ? `  ${m.failed} failed` : ''}`,
  );
  const find = (loop: Loop, size: number) => results.find((m) => m.loop === loop && m.size === size);
  for (const size of sizes) {
    const bulk = find('bulk', size);
    const naive = find('naive', size);
    if (bulk && naive) lines.push(`${String(size).padStart(7)} archived  bulk / naive: ${round(rate(bulk) / rate(naive), 2)}x`);
  }
  for (const loop of loops) {
    const empty = find(loop, 0);
    for (const size of sizes.filter((s) => s > 0)) {
      const at = find(loop, size);
      if (empty && at) lines.push(`${loop.padEnd(8)} at ${size} archived / into empty: ${round(rate(at) / rate(empty), 2)}x`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runCommand(main);
