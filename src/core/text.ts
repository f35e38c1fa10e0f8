/**
 * Small text helpers the core shares, so each rule they carry is written once.
 */

/** `text` as a literal inside a regular expression: label tables are joined into alternations. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
