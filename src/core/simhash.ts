/**
 * Reprint detection: a 64-bit SimHash of an article's text (Charikar 2002, as used for web pages by
 * Manku, Jain and Das Sarma, WWW 2007). Copies of one story carried by different aggregators
 * differ in the source line, the capture time, punctuation and a few characters; their
 * fingerprints then differ in a few bits, while different stories differ in about half of them.
 *
 * Terms are the related index's (key-terms.ts: jieba, stop words and punctuation dropped, the
 * headline counting extra), weighted by TF-IDF. The IDF is jieba's bundled table, not the
 * archive's own counts: a fingerprint must not move when other articles arrive, or a stored
 * fingerprint would stop matching a fresh one of the same text.
 */
import { idf as bundledIdf } from '@node-rs/jieba/dict';
import { createHash } from 'node:crypto';
import { blocksToParagraphs } from './body';
import { extractByline, extractTrailingCredit } from './byline';
import { termCounts } from './key-terms';

/** Manku et al.: at 64 bits, pages within 3 bits are near-duplicates. */
export const NEAR_DUPLICATE_BITS = 3;

/** A fingerprint as 16 lowercase hex digits (64 bits), the form it is stored and compared in. */
export type Fingerprint = string;

export interface FingerprintText {
  title: string;
  paragraphs: string[];
}

/** The median of jieba's IDF table (its value for words it does not know), as jieba computes it; pinned by a unit test. */
export const JIEBA_MEDIAN_IDF = 11.9547675029;

let idfTable: Map<string, number> | undefined;

/**
 * jieba's IDF table (270,000 words), parsed once per process: about half a second, so the app
 * loads it at boot (`loadIdfTable`) rather than in the first write.
 */
export function loadIdfTable(): Map<string, number> {
  if (idfTable) return idfTable;
  const text = Buffer.from(bundledIdf).toString('utf8');
  const weights = new Map<string, number>();
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const space = text.lastIndexOf(' ', end - 1);
    const value = space > start ? Number(text.slice(space + 1, end)) : NaN;
    if (Number.isFinite(value)) weights.set(text.slice(start, space), value);
    start = end + 1;
  }
  idfTable = weights;
  return idfTable;
}

/** Terms hashed lately: a vocabulary repeats from article to article (bounded: cleared when full). */
const hashedTerms = new Map<string, [number, number]>();
const HASHED_TERMS_KEPT = 50_000;

/** 64 bits of a term as two 32-bit halves (high, low). */
function termBits(term: string): [number, number] {
  const known = hashedTerms.get(term);
  if (known) return known;
  const digest = createHash('md5').update(term, 'utf8').digest();
  const bits: [number, number] = [digest.readUInt32BE(0), digest.readUInt32BE(4)];
  if (hashedTerms.size >= HASHED_TERMS_KEPT) hashedTerms.clear();
  hashedTerms.set(term, bits);
  return bits;
}

/**
 * Each copy prints the byline its own way (or not at all), at the start of the lead or as a credit
 * closing the body; it says who wrote the story, not what it says.
 */
function withoutByline(paragraphs: string[]): string[] {
  if (paragraphs.length === 0) return paragraphs;
  const lead = paragraphs[0];
  const byline = extractByline(lead);
  const text = byline ? [lead.slice(lead.indexOf(byline) + byline.length), ...paragraphs.slice(1)] : [...paragraphs];
  const closing = text[text.length - 1];
  const credit = extractTrailingCredit(closing);
  if (credit) text[text.length - 1] = closing.slice(0, closing.lastIndexOf(credit));
  return text;
}

/** The weighted terms a fingerprint is made of: sublinear term frequency times jieba's IDF. */
export function weightedTerms(text: FingerprintText): Map<string, number> {
  const weights = loadIdfTable();
  const counts = termCounts({ title: text.title, paragraphs: withoutByline(text.paragraphs) });
  return new Map([...counts].map(([term, count]) => [term, (1 + Math.log(count)) * (weights.get(term) ?? JIEBA_MEDIAN_IDF)]));
}

/** The SimHash of an article's headline and body; all zeros for a text without terms. */
export function simhash(text: FingerprintText): Fingerprint {
  const sums = new Float64Array(64);
  for (const [term, weight] of weightedTerms(text)) {
    const [high, low] = termBits(term);
    for (let bit = 0; bit < 32; bit += 1) {
      sums[bit] += (high >>> (31 - bit)) & 1 ? weight : -weight;
      sums[32 + bit] += (low >>> (31 - bit)) & 1 ? weight : -weight;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit += 1) {
    high = (high << 1) | (sums[bit] > 0 ? 1 : 0);
    low = (low << 1) | (sums[32 + bit] > 0 ? 1 : 0);
  }
  return hex32(high) + hex32(low);
}

/** The fingerprint of an article as the archive stores it (headline, body blocks): what the fingerprint index holds. */
export function articleFingerprint(article: { title?: string | null; body?: unknown }): Fingerprint {
  return simhash({ title: article.title ?? '', paragraphs: blocksToParagraphs(article.body) });
}

const hex32 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');

const FINGERPRINT = /^[0-9a-f]{16}$/;
export const isFingerprint = (value: unknown): value is Fingerprint => typeof value === 'string' && FINGERPRINT.test(value);

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many of the 64 bits differ. */
export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  const half = (f: Fingerprint, at: number) => parseInt(f.slice(at, at + 8), 16);
  return popcount32((half(a, 0) ^ half(b, 0)) >>> 0) + popcount32((half(a, 8) ^ half(b, 8)) >>> 0);
}

/** Whether two fingerprints are copies of one story. An empty text (all zeros) is no story. */
export function sameStory(a: Fingerprint, b: Fingerprint): boolean {
  if (a === EMPTY || b === EMPTY) return false;
  return hammingDistance(a, b) <= NEAR_DUPLICATE_BITS;
}

const EMPTY: Fingerprint = '0'.repeat(16);

/**
 * The four 16-bit blocks, most significant first: two fingerprints within NEAR_DUPLICATE_BITS (3)
 * agree exactly on at least one of them, so the index looks candidates up by each.
 */
export function fingerprintBlocks(fingerprint: Fingerprint): [number, number, number, number] {
  return [0, 4, 8, 12].map((at) => parseInt(fingerprint.slice(at, at + 4), 16)) as [number, number, number, number];
}
