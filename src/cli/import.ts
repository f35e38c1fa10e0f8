/**
 * `npm run import -- [--dry-run] [--draft] [--bulk] [--json] [--report FILE] [--threads N] <paths...>`:
 * imports snapshot pages (.txt), NDJSON / JSON Lines (.ndjson, .jsonl), HTML pages and WARC files,
 * files or directories (recursively).
 *
 * stdout holds the summary (or, with --json, only the JSON report); progress, failures
 * (`path:line: reason`) and warnings go to stderr, and with --report to FILE as NDJSON, as they
 * happen. Exit 0: all imported; 1: some failed; 2: usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Outcome } from '../import/importer';
import { defaultReaderThreads } from '../import/html-readers';
import { InputPathError, listInputFiles } from '../import/input';
import { formatProblem, importFiles, type ImportListener, type ImportProblem, type ImportReport } from '../import/run-import';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, withApp, runCommand } from './app';

// cli-progress ships without types.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cliProgress = require('cli-progress');

const USAGE = `usage: npm run import -- [--dry-run] [--draft] [--bulk] [--json] [--report FILE] [--captured-by NAME] [--threads N] <file or directory>...
  Imports snapshot pages (.txt), NDJSON / JSON Lines (.ndjson, .jsonl), HTML pages (.html, .htm)
  and WARC files (.warc, .warc.gz); directories recursively.
  --dry-run      read and match everything, write nothing
  --draft        leave imported articles as drafts (default: publish them)
  --bulk         for back-fills: write new articles in batches below the Document Service
                 (same rows, several times faster; no Document Service events or webhooks)
  --json         print a machine-readable report on stdout
  --report FILE  write every failure and warning, then the counts, to FILE as NDJSON
  --captured-by NAME  the crawler of WARC captures whose warcinfo names none
  --threads N    threads reading HTML and WARC pages beside the writes (default: one per core;
                 0 reads them on the main thread)
exit status: 0 all imported, 1 some failed, 2 usage error`;

interface Options {
  dryRun: boolean;
  draft: boolean;
  bulk: boolean;
  json: boolean;
  report: string | null;
  capturedBy: string | null;
  threads: number;
  paths: string[];
}

function parseArgs(args: string[]): Options {
  const options: Options = { dryRun: false, draft: false, bulk: false, json: false, report: null, capturedBy: null, threads: defaultReaderThreads(), paths: [] };
  let onlyPaths = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-')) options.paths.push(arg);
    else if (arg === '--') onlyPaths = true;
    else if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--draft') options.draft = true;
    else if (arg === '--bulk') options.bulk = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--report') {
      const file = args[(i += 1)];
      if (!file) throw new UsageError('--report needs a file name');
      options.report = file;
    } else if (arg === '--captured-by') {
      const name = args[(i += 1)];
      if (!name) throw new UsageError('--captured-by needs a crawler name');
      options.capturedBy = name;
    } else if (arg === '--threads') {
      const threads = args[(i += 1)];
      if (!/^\d{1,3}$/.test(threads ?? '') || Number(threads) > MAX_READER_THREADS) throw new UsageError(`--threads needs a number from 0 to ${MAX_READER_THREADS}`);
      options.threads = Number(threads);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  if (options.paths.length === 0) throw new UsageError('no file or directory to import');
  return options;
}

/**
 * scripts/cli.js runs commands from the project root; a path is read from where it was typed and
 * shown the way it was typed when it lies inside the project.
 */
function fromWhereTyped(given: string): string {
  const full = path.resolve(process.env.KUAIZHAO_CWD ?? process.cwd(), given);
  const relative = path.relative(process.cwd(), full);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? full : relative;
}

/** More reading threads than this is a typo, not a machine. */
const MAX_READER_THREADS = 64;

const PLAIN_PROGRESS_EVERY_MS = 2000;

/**
 * --report FILE: one JSON line per failure and warning as it happens, then one with the counts.
 * Written straight to the file, so nothing of the run is held for it.
 */
interface ReportFile {
  problem(kind: 'failure' | 'warning', problem: ImportProblem): void;
  close(report: ImportReport): void;
}

function openReportFile(file: string): ReportFile {
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (error) {
    throw new UsageError(`--report ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (error as Error).message}`);
  }
  const line = (value: unknown) => fs.writeSync(fd, `${JSON.stringify(value)}\n`);
  return {
    problem: (kind, { path: file, line: at, message }) => line({ kind, path: file, line: at, message }),
    close({ created, updated, unchanged, withheld, failed }) {
      line({ kind: 'summary', created, updated, unchanged, withheld, failed });
      fs.closeSync(fd);
    },
  };
}

/** A bar on a terminal; otherwise a plain line at most every two seconds. */
function progress(totalBytes: number, reportFile: ReportFile | null) {
  const counts: Record<Outcome | 'failed', number> = { created: 0, updated: 0, unchanged: 0, withheld: 0, failed: 0 };
  let bytes = 0;
  const done = () => counts.created + counts.updated + counts.unchanged + counts.withheld + counts.failed;
  const line = () =>
    `${done()} articles (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.withheld} withheld, ${counts.failed} failed)`;
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'importing [{bar}] {percentage}% | {status}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(Math.max(totalBytes, 1), 0, { status: line() });
  let lastPrinted = Date.now();
  const tick = () => {
    if (bar) return bar.update(bytes, { status: line() });
    if (Date.now() - lastPrinted >= PLAIN_PROGRESS_EVERY_MS) {
      lastPrinted = Date.now();
      const percent = totalBytes > 0 ? Math.floor((bytes / totalBytes) * 100) : 100;
      process.stderr.write(`importing: ${percent}% of input read, ${line()}\n`);
    }
  };
  // Above the bar: clear its line, print, and let the bar redraw below on its next update.
  const print = (text: string) => process.stderr.write(bar ? `\r\x1b[K${text}\n` : `${text}\n`);
  const listener: ImportListener = {
    onOutcome(_origin, outcome) {
      counts[outcome] += 1;
      tick();
    },
    onFailure(problem) {
      counts.failed += 1;
      reportFile?.problem('failure', problem);
      print(formatProblem(problem));
      tick();
    },
    onWarning(problem) {
      reportFile?.problem('warning', problem);
      print(`${formatProblem(problem)} (warning)`);
    },
    onFileRead(size) {
      bytes += size;
      tick();
    },
    onRebuild(index) {
      print(`${index}: the archive has outgrown the index; rebuilding it before the next batch`);
    },
  };
  return { listener, stop: () => bar?.stop() };
}

function summary(report: ImportReport, options: Options): string {
  // `withheld` (under a takedown) only when there are some, so the usual line stays as it was.
  const withheld = report.withheld > 0 ? `, withheld ${report.withheld}` : '';
  const counts = `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}${withheld}, failed ${report.failed}`;
  const newsPages = report.layouts['news page'] ?? 0;
  const skipped = Object.entries(report.skipped).map(([reason, count]) => `${count} ${reason}`);
  const notes = [
    skipped.length > 0 ? `skipped: ${skipped.join(', ')}` : null,
    options.dryRun ? 'dry run: nothing was written' : null,
    options.draft ? 'as drafts' : null,
    newsPages > 0 ? `${newsPages} read as general news pages` : null,
    ...Object.entries(report.rebuilt).map(([index, times]) => `${index} index rebuilt ${times}× as the archive grew`),
  ].filter(Boolean);
  return notes.length > 0 ? `${counts} (${notes.join('; ')})` : counts;
}

async function main(args: string[]): Promise<number> {
  let options: Options;
  let input: { files: string[]; bytes: number };
  try {
    options = parseArgs(args);
    input = listInputFiles(options.paths.map(fromWhereTyped));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof InputPathError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }

  let reportFile: ReportFile | null;
  try {
    reportFile = options.report ? openReportFile(fromWhereTyped(options.report)) : null;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }

  const report = await withApp(async (strapi) => {
    const { listener, stop } = progress(input.bytes, reportFile);
    try {
      return await importFiles(strapi, input.files, { publish: !options.draft, dryRun: options.dryRun, bulk: options.bulk, capturedBy: options.capturedBy, readerThreads: options.threads }, listener);
    } finally {
      stop();
    }
  });
  reportFile?.close(report);

  const output = options.json
    ? JSON.stringify({ ...report, dryRun: options.dryRun, draft: options.draft })
    : summary(report, options);
  await new Promise<void>((resolve) => process.stdout.write(`${output}\n`, () => resolve()));
  return report.failed > 0 ? EXIT_FAILED : EXIT_OK;
}

runCommand(main, 'import stopped: ');
