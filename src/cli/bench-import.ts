/**
 * `npm run bench:import -- --n 10000`: a benchmark, not a test. Generates N synthetic pages in
 * the seed layout, then imports them twice, each time into a fresh database and in a fresh
 * process: with the importer (relations, related links, matching, digest, savepoint batches) and
 * with a naive loop of one Document Service create per article. Reports articles per second and
 * peak memory (RSS, sampled, and the kernel's high-water mark) for both, and their ratio.
 *
 * SQLite by default (a file in the temp directory); PostgreSQL when DATABASE_CLIENT=postgres and
 * DATABASE_URL point at a server (a database is created per run and dropped).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { articleFieldsOf } from '../core/article-input';
import { parseSnapshotPage } from '../core/snapshot-page';
import { syntheticPage } from '../bench/synthetic-pages';
import { listInputFiles } from '../import/input';
import { importFiles } from '../import/run-import';
import { createThrowawayDatabase } from '../testing/throwaway-app';
import { EXIT_USAGE, withApp } from './app';

type Loop = 'importer' | 'naive';

interface Measure {
  loop: Loop;
  articles: number;
  failed: number;
  seconds: number;
  /** Highest RSS sampled every 20 ms during the loop, in MB. */
  sampledPeakRssMb: number;
  /** The process's RSS high-water mark (getrusage), boot included, in MB. */
  maxRssMb: number;
  /** RSS just before the loop started (after boot), in MB. */
  startRssMb: number;
}

const MB = 1024 * 1024;

/** Runs in the worker process: boot, time one loop over the pages, print the measure as JSON. */
async function worker(loop: Loop, dir: string): Promise<void> {
  await withApp(async (strapi) => {
    const files = listInputFiles([dir]).files;
    let peak = process.memoryUsage.rss();
    const startRss = peak;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 20);
    const started = process.hrtime.bigint();
    let articles = 0;
    let failed = 0;
    if (loop === 'importer') {
      const report = await importFiles(strapi, files, { publish: true, dryRun: false });
      articles = report.created + report.updated + report.unchanged;
      failed = report.failed;
    } else {
      for (const file of files) {
        const { record } = parseSnapshotPage(await fs.promises.readFile(file, 'utf8'));
        await strapi.documents('api::article.article').create({
          data: articleFieldsOf(record) as any,
          status: 'published',
        });
        articles += 1;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    const measure: Measure = {
      loop,
      articles,
      failed,
      seconds,
      sampledPeakRssMb: peak / MB,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      startRssMb: startRss / MB,
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

async function measure(loop: Loop, pages: string, tmp: string): Promise<Measure> {
  const database = await createThrowawayDatabase(process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite', {
    prefix: `kuaizhao_bench_${loop}`,
  });
  try {
    const output = execFileSync(process.execPath, [__filename, '--worker', loop, pages], {
      env: { ...process.env, ...database.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * MB,
    }).toString('utf8');
    const line = output.split('\n').find((text) => text.startsWith('BENCH '));
    if (!line) throw new Error(`the ${loop} run printed no measure:\n${output}`);
    return JSON.parse(line.slice('BENCH '.length));
  } finally {
    await database.drop();
  }
}

const round = (value: number, digits = 1) => value.toFixed(digits);

async function main(args: string[]): Promise<number> {
  if (args[0] === '--worker') {
    await worker(args[1] as Loop, args[2]);
    return 0;
  }
  const nIndex = args.indexOf('--n');
  const n = nIndex === -1 ? 1000 : Number(args[nIndex + 1]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write('usage: npm run bench:import -- --n <number of pages>\n');
    return EXIT_USAGE;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kuaizhao-bench-'));
  try {
    const pages = path.join(tmp, 'pages');
    const generating = Date.now();
    generate(n, pages);
    process.stderr.write(`generated ${n} pages in ${round((Date.now() - generating) / 1000)} s (${process.env.DATABASE_CLIENT ?? 'sqlite'})\n`);
    const results: Measure[] = [];
    for (const loop of ['importer', 'naive'] as Loop[]) {
      process.stderr.write(`running the ${loop}...\n`);
      results.push(await measure(loop, pages, tmp));
    }
    const rows = results.map(
      (m) =>
        `${m.loop.padEnd(9)} ${String(m.articles).padStart(6)} articles  ${round(m.seconds).padStart(7)} s  ` +
        `${round(m.articles / m.seconds).padStart(7)} articles/s  peak RSS ${round(m.sampledPeakRssMb, 0)} MB ` +
        `(after boot ${round(m.startRssMb, 0)} MB, high-water ${round(m.maxRssMb, 0)} MB)${m.failed ? `  ${m.failed} failed` : ''}`,
    );
    const [importer, naive] = results;
    const ratio = importer.articles / importer.seconds / (naive.articles / naive.seconds);
    process.stdout.write(`${rows.join('\n')}\nimporter / naive speed: ${round(ratio, 2)}x\n`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
