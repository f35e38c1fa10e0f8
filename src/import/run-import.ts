/**
 * An import run: reads the files article by article, writes them in small batches, and reports
 * every outcome as it happens and a summary at the end. Nothing here holds more than one batch:
 * the report keeps counts, and failures and warnings go to the listener as they happen (the CLI
 * prints them and writes them to its --report file); the report keeps only the first few, so a
 * run of millions with a bad line in each stays in constant memory.
 */
import type { Core } from '@strapi/strapi';
import type { ArticleInput } from '../core/article-input';
import { withSafeLinkUrls } from '../core/url';
import { rebuildOutgrownIndexes } from '../db/derived-index';
import { ArticleImporter, type ImportOptions, type Outcome } from './importer';
import { isCrawlFile } from './crawl-input';
import { startHtmlReaders } from './html-readers';
import { readInputs, type InputLayout, type Origin } from './input';

/**
 * Articles per transaction. One commit per article makes SQLite wait for the disk each time;
 * a batch shares one commit while savepoints keep every article's failure its own.
 */
export const BATCH_SIZE = 50;
/**
 * Articles per transaction on the bulk path, whose cost per batch (index reads, lists recomputed,
 * the commit) is shared by more articles: 200 still commits within a few seconds, so a writer
 * waiting on the lock (an editor's save) waits no longer than that.
 */
export const BULK_BATCH_SIZE = 200;

export interface ImportProblem {
  path: string;
  line: number;
  message: string;
}

/** How many failures and how many warnings a report keeps; the listener hears every one. */
export const PROBLEMS_KEPT = 100;

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Under a takedown: stored, but nothing of it is public (takedown/). */
  withheld: number;
  failed: number;
  /** The first PROBLEMS_KEPT failures (`failed` counts them all). */
  failures: ImportProblem[];
  /** The first PROBLEMS_KEPT warnings. */
  warnings: ImportProblem[];
  /** Articles read, by the layout they were read as. */
  layouts: Partial<Record<InputLayout, number>>;
  /** Records read and not archived (a WARC's redirects, images, error pages), by reason. */
  skipped: Record<string, number>;
  /** Derived indexes rebuilt between batches because the run outgrew them (db/derived-index.ts), by name: how many times. */
  rebuilt: Record<string, number>;
}

const keep = (list: ImportProblem[], problem: ImportProblem) => {
  if (list.length < PROBLEMS_KEPT) list.push(problem);
};

export interface ImportListener {
  onOutcome?(origin: Origin, outcome: Outcome): void;
  onFailure?(problem: ImportProblem): void;
  onWarning?(problem: ImportProblem): void;
  onFileRead?(bytes: number): void;
  /** A derived index the run outgrew is being rebuilt, before the next batch. */
  onRebuild?(index: string): void;
}

export const formatProblem = (problem: ImportProblem): string => `${problem.path}:${problem.line}: ${problem.message}`;

export async function importFiles(
  strapi: Core.Strapi,
  files: string[],
  options: ImportOptions,
  listener: ImportListener = {},
): Promise<ImportReport> {
  const importer = new ArticleImporter(strapi, options);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, withheld: 0, failed: 0, failures: [], warnings: [], layouts: {}, skipped: {}, rebuilt: {} };
  const fail = (origin: Origin, message: string) => {
    const problem = { path: origin.path, line: origin.line, message };
    report.failed += 1;
    keep(report.failures, problem);
    listener.onFailure?.(problem);
  };

  const batchSize = options.bulk ? BULK_BATCH_SIZE : BATCH_SIZE;
  let batch: { origin: Origin; record: ArticleInput }[] = [];
  const flush = async () => {
    const results = await importer.importBatch(batch.map((item) => item.record));
    results.forEach((result, i) => {
      const { origin } = batch[i];
      if ('error' in result) return fail(origin, result.error.message);
      report[result.outcome] += 1;
      listener.onOutcome?.(origin, result.outcome);
    });
    const wrote = results.some((result) => 'outcome' in result && result.outcome !== 'unchanged');
    batch = [];
    // The archive may have outgrown an index (the related index's epoch): rebuilt now, in steps,
    // rather than read slower by every later batch. A dry run wrote nothing to outgrow.
    if (wrote && !options.dryRun) {
      for (const name of await rebuildOutgrownIndexes(strapi, listener.onRebuild)) report.rebuilt[name] = (report.rebuilt[name] ?? 0) + 1;
    }
  };

  const readAll = async () => {
    for await (const item of readInputs(files, listener.onFileRead, { capturedBy: options.capturedBy ?? null, readers })) {
      if (item.kind === 'skipped') {
        report.skipped[item.reason] = (report.skipped[item.reason] ?? 0) + 1;
        continue;
      }
      if (item.kind === 'failure') {
        fail(item.origin, item.reason);
        continue;
      }
      report.layouts[item.layout] = (report.layouts[item.layout] ?? 0) + 1;
      // A bad link address is dropped and named; the article and the link's text are kept.
      const safe = withSafeLinkUrls(item.record.relatedLinks);
      const record = { ...item.record, relatedLinks: safe.links };
      const warnings = [...item.warnings, ...safe.problems.map((message) => ({ line: item.origin.line, message }))];
      for (const warning of warnings) {
        const problem = { path: item.origin.path, line: warning.line, message: warning.message };
        keep(report.warnings, problem);
        listener.onWarning?.(problem);
      }
      batch.push({ origin: item.origin, record });
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
  };
  // Reading threads only for crawled pages, which cost their reading; they stop with the run.
  const readers = startHtmlReaders(files.some(isCrawlFile) ? (options.readerThreads ?? 0) : 0);
  try {
    await readAll();
  } finally {
    await readers.close();
  }
  return report;
}
