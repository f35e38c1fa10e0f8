/**
 * What the import benchmarks share: worker processes run as `npm run import` runs (its node
 * flags), an archive grown to a size as an operator back-fills it, and the measure a timed run
 * prints. bench-import.ts and bench-crawl.ts are built on it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createThrowawayDatabase, type DatabaseClient, type ThrowawayDatabase } from '../testing/throwaway-app';
import { INDEXING_SWITCH } from '../db/derived-index';
import type { Core } from '@strapi/strapi';

export const MB = 1024 * 1024;

/**
 * The node flags `npm run import` runs with (package.json): a 64 MB young generation, V8's default
 * being 16 MB, since a bulk import allocates short-lived objects by the gigabyte and scavenges took
 * a sixth of its CPU. Every worker runs with them, so each loop is measured as an operator runs it.
 */
function importNodeFlags(): string[] {
  const script: string = require(path.join(__dirname, '../../../package.json')).scripts.import;
  return script.split(' ').filter((word) => word.startsWith('--') && script.indexOf(word) < script.indexOf('scripts/cli.js'));
}

/** Runs `script` (a compiled command of src/cli) as a worker process against `database`; returns its stdout. */
export function runWorker(database: ThrowawayDatabase, script: string, args: string[], env: Record<string, string> = {}): string {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to every worker: where the time goes.
  const nodeArgs = [...importNodeFlags(), ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  return execFileSync(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...database.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * MB,
  }).toString('utf8');
}

/**
 * Grows `archive` from `from` to `to` synthetic articles (numbered from `first` on: not the pages
 * measured): their rows through the bulk path without indexing (bench-import's `fill` worker),
 * then every derived index rebuilt by `npm run reindex`, as after a back-fill.
 */
export function growArchive(archive: ThrowawayDatabase, first: number, from: number, to: number): void {
  // Boots the app even for nothing to add: the first boot creates the schema.
  runWorker(archive, path.join(__dirname, '../cli/bench-import.js'), ['--worker', 'fill', String(first + from), String(to - from)], { [INDEXING_SWITCH]: 'off' });
  if (to <= from) return;
  const reindex = runWorker(archive, path.join(__dirname, '../cli/reindex.js'), []);
  process.stderr.write(reindex.replace(/^/gm, '    '));
}

/**
 * One archive grown through `sizes`, smallest first (synthetic articles numbered from `first`),
 * and `atSize` run at each size; the archive is dropped at the end.
 */
export async function atEachArchiveSize(
  client: DatabaseClient,
  prefix: string,
  first: number,
  sizes: number[],
  atSize: (archive: ThrowawayDatabase, size: number) => Promise<void>,
): Promise<void> {
  const archive = await createThrowawayDatabase(client, { prefix });
  try {
    let filled = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const filling = Date.now();
      growArchive(archive, first, filled, size);
      filled = size;
      process.stderr.write(`archive of ${size}: filled in ${round((Date.now() - filling) / 1000)} s\n`);
      await atSize(archive, size);
    }
  } finally {
    await archive.drop();
  }
}

/** The highest RSS of this process, sampled every 20 ms until stopped, in MB. */
export function sampleRss(): { startMb: number; stop(): number } {
  let peak = process.memoryUsage.rss();
  const startMb = peak / MB;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return {
    startMb,
    stop() {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage.rss()) / MB;
    },
  };
}

export const round = (value: number, digits = 1) => value.toFixed(digits);

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

/**
 * With BENCH_SQL=1, the statements of the timed loop by shape (literals and lists folded), with
 * their count and total time, printed to stderr: which query grows with the archive.
 */
export function startSqlTimes(strapi: Core.Strapi): (() => void) | null {
  if (!process.env.BENCH_SQL) return null;
  const connection = strapi.db.connection as unknown as NodeJS.EventEmitter;
  const started = new Map<string, bigint>();
  const shapes = new Map<string, { count: number; ns: number }>();
  const shapeOf = (sql: string) => sql.replace(/\((\?, )*\?\)/g, '(…)').replace(/(\(…\), )+\(…\)/g, '(…)…').replace(/\b\d+\b/g, 'N').slice(0, 140);
  const onQuery = (query: { __knexQueryUid: string }) => started.set(query.__knexQueryUid, process.hrtime.bigint());
  const onResponse = (_: unknown, query: { __knexQueryUid: string; sql: string }) => {
    const start = started.get(query.__knexQueryUid);
    if (start === undefined) return;
    started.delete(query.__knexQueryUid);
    const shape = shapeOf(query.sql);
    const entry = shapes.get(shape) ?? { count: 0, ns: 0 };
    entry.count += 1;
    entry.ns += Number(process.hrtime.bigint() - start);
    shapes.set(shape, entry);
  };
  connection.on('query', onQuery);
  connection.on('query-response', onResponse);
  return () => {
    connection.off('query', onQuery);
    connection.off('query-response', onResponse);
    const top = [...shapes].sort((a, b) => b[1].ns - a[1].ns).slice(0, 15);
    for (const [shape, { count, ns }] of top) process.stderr.write(`  sql ${(ns / 1e6).toFixed(0).padStart(7)} ms ${String(count).padStart(6)}× ${shape}\n`);
  };
}
