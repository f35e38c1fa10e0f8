/**
 * An import run: reads the files article by article, writes them in small batches, and reports
 * every outcome as it happens and a summary at the end. Nothing here holds more than one batch.
 */
import type { Core } from '@strapi/strapi';
import type { ArticleInput } from '../core/article-input';
import { ArticleImporter, type ImportOptions, type Outcome } from './importer';
import { readInputs, type Origin } from './input';

/**
 * Articles per transaction. One commit per article makes SQLite wait for the disk each time;
 * a batch shares one commit while savepoints keep every article's failure its own.
 */
export const BATCH_SIZE = 50;

export interface ImportProblem {
  path: string;
  line: number;
  message: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Under a takedown: stored, but nothing of it is public (takedown/). */
  withheld: number;
  failed: number;
  failures: ImportProblem[];
  warnings: ImportProblem[];
}

export interface ImportListener {
  onOutcome?(origin: Origin, outcome: Outcome): void;
  onFailure?(problem: ImportProblem): void;
  onWarning?(problem: ImportProblem): void;
  onFileRead?(bytes: number): void;
}

export const formatProblem = (problem: ImportProblem): string => `${problem.path}:${problem.line}: ${problem.message}`;

export async function importFiles(
  strapi: Core.Strapi,
  files: string[],
  options: ImportOptions,
  listener: ImportListener = {},
): Promise<ImportReport> {
  const importer = new ArticleImporter(strapi, options);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, withheld: 0, failed: 0, failures: [], warnings: [] };
  const fail = (origin: Origin, message: string) => {
    const problem = { path: origin.path, line: origin.line, message };
    report.failed += 1;
    report.failures.push(problem);
    listener.onFailure?.(problem);
  };

  let batch: { origin: Origin; record: ArticleInput }[] = [];
  const flush = async () => {
    const results = await importer.importBatch(batch.map((item) => item.record));
    results.forEach((result, i) => {
      const { origin } = batch[i];
      if ('error' in result) return fail(origin, result.error.message);
      report[result.outcome] += 1;
      listener.onOutcome?.(origin, result.outcome);
    });
    batch = [];
  };

  for await (const item of readInputs(files, listener.onFileRead)) {
    if (item.kind === 'failure') {
      fail(item.origin, item.reason);
      continue;
    }
    for (const warning of item.warnings) {
      const problem = { path: item.origin.path, line: warning.line, message: warning.message };
      report.warnings.push(problem);
      listener.onWarning?.(problem);
    }
    batch.push({ origin: item.origin, record: item.record });
    if (batch.length >= BATCH_SIZE) await flush();
  }
  if (batch.length > 0) await flush();
  return report;
}
