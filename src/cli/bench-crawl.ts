/**
 * `npm run bench:crawl -- --n 1000 [--sizes 0,100000] [--threads N] [--warc-mb 100,1000]`: a
 * benchmark, not a test. Writes a WARC of N distinct HTML pages made from the real fixtures
 * (bench/crawl-warc.ts: a revisit after every tenth page, an image after every twentieth) and
 * imports it through the bulk path (`npm run import -- --bulk`) into an archive of each size, in a
 * fresh process per run, twice: pages read in worker threads beside the writes (the import's
 * default, or --threads N), and read on the main thread (--threads 0), the baseline.
 *
 * Prints pages per second, CPU time (all threads) and peak RSS per run, threads / main thread per
 * size, and each way's speed at every size against its speed into an empty archive. With
 * --warc-mb, also imports WARCs of those sizes on disk into empty archives: peak RSS against the
 * file's size (it should not follow it: the WARC is streamed).
 *
 * SQLite by default (a file in the temp directory); PostgreSQL when DATABASE_CLIENT=postgres and
 * DATABASE_URL point at a server (databases are created per run and dropped). BENCH_SQL=1 prints
 * each run's statements by shape, with their count and total time (as bench:import does).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atEachArchiveSize, MB, option, round, runWorker, sampleRss, startSqlTimes } from '../bench/archive-runs';
import { writeCrawlWarc } from '../bench/crawl-warc';
import { defaultReaderThreads } from '../import/html-readers';
import { importFiles } from '../import/run-import';
import { copyThrowawayDatabase, type DatabaseClient, type ThrowawayDatabase } from '../testing/throwaway-app';
import { EXIT_USAGE, runCommand, withApp } from './app';

interface Measure {
  threads: number;
  size: number;
  warcMb: number;
  /** Page records read (responses and revisits); what a crawl is counted in. */
  pages: number;
  failed: number;
  seconds: number;
  /** CPU time of the process during the run, every thread's (user + system). */
  cpuSeconds: number;
  sampledPeakRssMb: number;
  startRssMb: number;
}

/** Worker: boots, imports the WARC through the bulk path, prints the measure as JSON. */
async function measureRun(threads: number, size: number, warc: string): Promise<void> {
  await withApp(async (strapi) => {
    const rss = sampleRss();
    const sqlTimes = startSqlTimes(strapi);
    const started = process.hrtime.bigint();
    const cpuAtStart = process.cpuUsage();
    const report = await importFiles(strapi, [warc], { publish: true, dryRun: false, bulk: true, readerThreads: threads });
    sqlTimes?.();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuAtStart);
    const measure: Measure = {
      threads,
      size,
      warcMb: fs.statSync(warc).size / MB,
      pages: report.layouts['WARC record'] ?? 0,
      failed: report.failed,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      sampledPeakRssMb: rss.stop(),
      startRssMb: rss.startMb,
    };
    process.stdout.write(`BENCH ${JSON.stringify(measure)}\n`);
  });
}

async function measure(archive: ThrowawayDatabase, threads: number, size: number, warc: string): Promise<Measure> {
  const database = await copyThrowawayDatabase(archive, { prefix: 'kuaizhao_bench_crawl' });
  try {
    const output = runWorker(database, __filename, ['--worker', String(threads), String(size), warc]);
    const line = output.split('\n').find((text) => text.startsWith('BENCH '));
    if (!line) throw new Error(`the run printed no measure:\n${output}`);
    const result: Measure = JSON.parse(line.slice('BENCH '.length));
    process.stderr.write(`  ${describe(result)}\n`);
    return result;
  } finally {
    await database.drop();
  }
}

const rate = (m: Measure) => m.pages / m.seconds;
const way = (threads: number) => (threads === 0 ? 'main thread' : `${threads} threads`.replace(/^1 threads/, '1 thread'));
const describe = (m: Measure) =>
  `${String(m.size).padStart(7)} archived  ${way(m.threads).padEnd(11)} ${String(m.pages).padStart(6)} pages (${round(m.warcMb, 0)} MB WARC) ${round(m.seconds).padStart(6)} s ` +
  `${round(rate(m)).padStart(6)} pages/s  CPU ${round(m.cpuSeconds)} s (${round(m.cpuSeconds / m.seconds, 2)} cores)  peak RSS ${round(m.sampledPeakRssMb, 0)} MB ` +
  `(after boot ${round(m.startRssMb, 0)} MB)${m.failed ? `  ${m.failed} failed` : ''}`;

const USAGE = 'usage: npm run bench:crawl -- --n <pages> [--sizes 0,100000] [--threads N] [--warc-mb 100,1000]\n';

async function main(args: string[]): Promise<number> {
  if (args[0] === '--worker') {
    await measureRun(Number(args[1]), Number(args[2]), args[3]);
    return 0;
  }
  const n = Number(option(args, '--n') ?? 1000);
  const sizes = (option(args, '--sizes') ?? '0,100000').split(',').map(Number);
  const threads = Number(option(args, '--threads') ?? defaultReaderThreads());
  const warcMbs = (option(args, '--warc-mb') ?? '').split(',').filter(Boolean).map(Number);
  if (![n, threads, ...sizes, ...warcMbs].every((value) => Number.isInteger(value) && value >= 0) || n < 1 || threads < 1) {
    process.stderr.write(USAGE);
    return EXIT_USAGE;
  }
  const client: DatabaseClient = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-bench-crawl-'));
  const results: Measure[] = [];
  const sizeRuns: Measure[] = [];
  try {
    const warc = path.join(tmp, 'crawl.warc.gz');
    const written = await writeCrawlWarc(warc, { pages: n });
    process.stderr.write(`wrote a WARC of ${written.pages} pages, ${round(written.bytes / MB)} MB (${client}, ${os.availableParallelism()} cores)\n`);
    await atEachArchiveSize(client, 'kuaizhao_bench_crawl_archive', n, sizes, async (archive, size) => {
      for (const count of [threads, 0]) results.push(await measure(archive, count, size, warc));
    });
    fs.rmSync(warc);
    for (const mb of warcMbs) {
      const big = path.join(tmp, `crawl-${mb}mb.warc.gz`);
      const made = await writeCrawlWarc(big, { bytes: mb * MB }, 10_000_000);
      process.stderr.write(`wrote a WARC of ${made.pages} pages, ${round(made.bytes / MB)} MB\n`);
      try {
        await atEachArchiveSize(client, 'kuaizhao_bench_crawl_empty', 0, [0], async (empty) => {
          sizeRuns.push(await measure(empty, threads, 0, big));
        });
      } finally {
        fs.rmSync(big);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const lines = results.map(describe);
  const find = (count: number, size: number) => results.find((m) => m.threads === count && m.size === size);
  for (const size of sizes) {
    const threaded = find(threads, size);
    const inline = find(0, size);
    if (threaded && inline) lines.push(`${String(size).padStart(7)} archived  threads / main thread: ${round(rate(threaded) / rate(inline), 2)}x`);
  }
  for (const count of [threads, 0]) {
    const empty = find(count, 0);
    for (const size of sizes.filter((s) => s > 0)) {
      const at = find(count, size);
      if (empty && at) lines.push(`${way(count)} at ${size} archived / into empty: ${round(rate(at) / rate(empty), 2)}x`);
    }
  }
  lines.push(...sizeRuns.map(describe));
  if (sizeRuns.length > 1) {
    const [small, large] = [sizeRuns[0], sizeRuns[sizeRuns.length - 1]];
    lines.push(`peak RSS from a ${round(small.warcMb, 0)} MB to a ${round(large.warcMb, 0)} MB WARC: ${round(small.sampledPeakRssMb, 0)} → ${round(large.sampledPeakRssMb, 0)} MB (${round(large.sampledPeakRssMb / small.sampledPeakRssMb, 2)}x)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runCommand(main);
