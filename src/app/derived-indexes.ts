/**
 * Every index derived from the published articles, in one list. A new index is a folder of the
 * same rooms (tables, queries, sync, rebuild, check, read, index) and one line here.
 *
 * The order is the order of every sync: fingerprints first, because withholding
 * (takedown/withholding.ts) finds a story's copies through them, and the others then read the
 * `withheld_at` it decided.
 */
import type { Core } from '@strapi/strapi';
import { useDerivedIndexes, type DerivedIndex } from '../db/derived-index';
import { fingerprintIndex } from '../fingerprints';
import { relatedIndex } from '../related';
import { searchIndex } from '../search';

export const DERIVED_INDEXES: readonly DerivedIndex[] = [fingerprintIndex, relatedIndex, searchIndex];

export function registerDerivedIndexes(strapi: Core.Strapi): void {
  useDerivedIndexes(strapi, DERIVED_INDEXES);
}

export async function ensureDerivedIndexTables(strapi: Core.Strapi): Promise<void> {
  for (const index of DERIVED_INDEXES) await index.ensureTables(strapi);
}
