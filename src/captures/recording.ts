/**
 * Recording captures: every import of an article's page, and every write that brings a later
 * snapshot time with other text, adds one capture to the article's history. A capture whose
 * page repeats an earlier one's is a revisit (as a WARC revisit record): it keeps its own time,
 * address and crawler and points at that capture instead of storing the text again.
 */
import type { Core } from '@strapi/strapi';
import type { ArticleInput } from '../core/article-input';
import { canonicalUrl } from '../core/canonical-url';
import { contentHash } from '../core/content-hash';
import { findCaptures, insertCapture, insertCaptures, type CaptureVia, type NewCapture, type StoredCapture } from './capture-store';

/** What a capture is recorded from: the page as read (import) or as stored after a write (API). */
export interface CaptureOf {
  record: ArticleInput;
  /** ISO UTC; the page's own time, else the time the article was stamped with. */
  snapshotAt: string;
  via: CaptureVia;
}

export type CaptureOutcome = 'stored' | 'revisit' | 'known';

/**
 * What a revisit may differ in from the capture it repeats: its time and how its address was
 * written (the capture row keeps both). Everything else the page printed must be the same, so
 * rendering a revisit gives back its own page byte for byte.
 */
function pageKey(record: ArticleInput): string {
  return stableJson({ ...record, snapshotAt: record.snapshotAt === null, originalUrl: null });
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives a stored record back in its own key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Adds a capture to the article's history. A capture is known by its time and digest: recording
 * the same one again (re-importing a file) adds nothing and says `known`.
 */
export async function recordCapture(strapi: Core.Strapi, articleDocumentId: string, capture: CaptureOf): Promise<CaptureOutcome> {
  const { record } = capture;
  const digest = contentHash(record.title, record.paragraphs);
  const sameText = await findCaptures(strapi, { articleDocumentId, digest });
  if (sameText.some((earlier) => earlier.snapshotAt === capture.snapshotAt)) return 'known';

  const key = pageKey(record);
  const repeated = sameText.find((earlier: StoredCapture) => earlier.record !== null && pageKey(earlier.record) === key);
  await insertCapture(strapi, captureRow(articleDocumentId, capture, digest, repeated ?? null));
  return repeated ? 'revisit' : 'stored';
}

/** The row of a capture: a revisit of `repeated` (keeping no text of its own), or a stored page. */
function captureRow(articleDocumentId: string, { record, snapshotAt, via }: CaptureOf, digest: string, repeated: StoredCapture | null): NewCapture {
  return {
    articleDocumentId,
    title: record.title,
    snapshotAt,
    originalUrl: record.originalUrl ?? null,
    canonicalUrl: canonicalUrl(record.originalUrl),
    capturedBy: record.capturedBy ?? null,
    digest,
    revisitOf: repeated?.id ?? null,
    via,
    record: repeated ? null : record,
  };
}

/**
 * recordCapture for the first capture of each of several new articles (none has a history yet, so
 * each is stored, none known or a revisit), in one statement: the bulk import's.
 */
export async function recordFirstCaptures(strapi: Core.Strapi, captures: { articleDocumentId: string; capture: CaptureOf }[]): Promise<void> {
  await insertCaptures(
    strapi,
    captures.map(({ articleDocumentId, capture }) => captureRow(articleDocumentId, capture, contentHash(capture.record.title, capture.record.paragraphs), null)),
  );
}
