/**
 * Database time to ISO, in one place. Stored times come back as epoch milliseconds from SQLite,
 * as Date from PostgreSQL, and as text when a statement builds JSON (`json_build_object` of a
 * `timestamp` column) or the Query Engine formats them. Strapi's datetime columns carry no zone
 * (`timestamp without time zone`), and the PostgreSQL driver reads such a value in the process's
 * zone, as it wrote it: a zone-less text is read the same way, so every path gives one instant.
 * This is not for input: a naive time a page or an editor gives is Beijing time (core/beijing-time.ts).
 */
export function isoOfStored(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
