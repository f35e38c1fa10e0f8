/**
 * Small text helpers the core shares, so each rule they carry is written once.
 */

/** `text` as a literal inside a regular expression: label tables are joined into alternations. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field left empty (absent, null, whitespace-only text); any other type is a value, for the field's own rule to judge. */
export const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Length in characters (code points), as a reader counts them: an astral character is one. */
export const charLength = (text: string): number => [...text].length;
