/**
 * What the import benchmarks share: worker processes run as `npm run import` runs (its node
 * flags), an archive grown to a size as an operator back-fills it, and the measure a timed run
 * prints. bench-import.ts and bench-crawl.ts are built on it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createThrowawayDatabase, type DatabaseClient, type ThrowawayDatabase } from '../testing/throwaway-app';
import { INDEXING_SWITCH } from '../db/derived-index';

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
