/**
 * The contract of an index derived from the published articles (related lists, search,
 * fingerprints), and the one way to keep them in step. Each index is a folder of the same rooms
 * (`tables`, `queries`, `sync`, `rebuild`, `check`, `read`, `index`); the app lists them once
 * (src/app/derived-indexes.ts) and hands the list to the database floor here at register time,
 * so features that write articles below the Document Service (the bulk import, withholding) sync
 * every index without knowing which there are.
 */
import type { Core } from '@strapi/strapi';

/** The one Knex type: Strapi's connection, or a transaction of it (same query-builder interface). */
export type Knex = Core.Strapi['db']['connection'];

/**
 * An index derived from the PUBLISHED articles: kept current by the Document Service middleware
 * (src/app/index-sync.ts) and by writers below it (the bulk import), never holding a draft,
 * rebuilt and checked by `npm run reindex`.
 */
export interface DerivedIndex {
  name: string;
  /** Idempotent, called at bootstrap. */
  ensureTables(strapi: Core.Strapi): Promise<void>;
  /** Bring the index in step with the published versions of these documents, inside `knex` (a transaction). */
  sync(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void>;
  rebuild(strapi: Core.Strapi, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Differences between the stored index and a fresh rebuild, as readable lines; [] when equal. */
  check(strapi: Core.Strapi): Promise<string[]>;
  /**
   * Whether the writes since its last rebuild have outgrown it (the related index: the archive has
   * doubled since its epoch). An import run asks between its batches and rebuilds it then, in steps.
   */
  outgrown?(strapi: Core.Strapi): Promise<boolean>;
}

/**
 * The benchmarks measure writes without indexing by setting this to `off` (every index) or to
 * `off:<name>,<name>` (those indexes, e.g. `off:fingerprints`); read on every write, so one
 * process can compare both. Nothing else should.
 */
export const INDEXING_SWITCH = 'KUAIZHAO_RELATED_INDEXING';

/** Whether the switch turns off the write-time sync of the index named (of every index, without a name). */
export function indexingSwitchedOff(name?: string): boolean {
  const value = process.env[INDEXING_SWITCH];
  if (value === 'off') return true;
  return name !== undefined && value?.startsWith('off:') === true && value.slice('off:'.length).split(',').includes(name);
}

/**
 * Kept on the app itself under a registered symbol, not in this module: the tests and the
 * command-line tools load this module from the sources beside the app's compiled copy, and both
 * must find the one list.
 */
const INDEXES = Symbol.for('kuaizhao.derivedIndexes');
type WithIndexes = { [INDEXES]?: readonly DerivedIndex[] };

/** Called once, at register time, with the app's list in the order they must sync. */
export function useDerivedIndexes(strapi: Core.Strapi, indexes: readonly DerivedIndex[]): void {
  (strapi as unknown as WithIndexes)[INDEXES] = indexes;
}

export function derivedIndexes(strapi: Core.Strapi): readonly DerivedIndex[] {
  const indexes = (strapi as unknown as WithIndexes)[INDEXES];
  if (!indexes) throw new Error('the derived indexes are not registered: useDerivedIndexes runs at register time');
  return indexes;
}

/**
 * Between an import run's batches: rebuilds (in steps that each commit) every index the run's
 * writes have outgrown, and returns their names. A write's sync keeps an index exact but may keep
 * it cheap only while it is not outgrown; an import is what grows an archive fast.
 */
export async function rebuildOutgrownIndexes(strapi: Core.Strapi, onRebuild?: (name: string) => void): Promise<string[]> {
  const rebuilt: string[] = [];
  for (const index of derivedIndexes(strapi)) {
    if (indexingSwitchedOff(index.name) || !(await index.outgrown?.(strapi))) continue;
    onRebuild?.(index.name);
    await index.rebuild(strapi);
    rebuilt.push(index.name);
  }
  return rebuilt;
}

/**
 * Brings every derived index in step with the published versions of `documentIds`, inside `knex`
 * (the writer's transaction, so an article and its index entries commit together). Meant for
 * batches: pass all the ids a transaction wrote at once.
 */
export async function syncDerivedIndexes(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  for (const index of derivedIndexes(strapi)) if (!indexingSwitchedOff(index.name)) await index.sync(strapi, knex, documentIds);
}
