/**
 * The slug rule. Han characters become toneless pinyin, one `-`-separated
 * segment per syllable (国内 → guo-nei), so word boundaries never depend on a
 * segmenter and the same title always gives the same slug. Latin words go
 * through slugify; digits are kept; everything else is a separator.
 */
import { createHash } from 'crypto';
import { pinyin } from 'pinyin-pro';
import slugify from 'slugify';

const DEFAULT_SLUG_MAX_LENGTH = 80;

/** Latin (and other non-Han) text: letters and digits only, lowercased ASCII. */
function latinSegments(chunk: string): string[] {
  // Pre-strip symbols so slugify does not spell them out (% → "percent").
  const words = chunk.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (!words) return [];
  const slug = slugify(words, { lower: true, strict: true });
  return slug.split('-').filter(Boolean);
}

function segmentsOf(title: string): string[] {
  // The whole title goes to pinyin-pro at once so polyphones are read in context (行政 xing, 银行 hang).
  const items = pinyin(title, { toneType: 'none', type: 'all', v: true, nonZh: 'consecutive' });
  const segments: string[] = [];
  for (const item of items) {
    if (item.isZh) {
      const syllable = item.pinyin.toLowerCase();
      if (/^[a-z]+$/.test(syllable)) segments.push(syllable);
    } else {
      segments.push(...latinSegments(item.origin));
    }
  }
  return segments;
}

/** Cuts a slug to maxLength, on a `-` boundary when there is one. */
function capSlug(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  if (slug[maxLength] === '-') return cut;
  const boundary = cut.lastIndexOf('-');
  // A single segment longer than the limit can only be hard-cut.
  return boundary > 0 ? cut.slice(0, boundary) : cut;
}

/** Stable fallback for titles with nothing sluggable (only punctuation, emoji, rare scripts). */
function untitledSlug(title: string): string {
  return `untitled-${createHash('sha1').update(title, 'utf8').digest('hex').slice(0, 8)}`;
}

export function slugFor(title: string, maxLength = DEFAULT_SLUG_MAX_LENGTH): string {
  // NFKC folds full-width Latin and digits (ｉＰｈｏｎｅ１６) to ASCII first.
  const slug = segmentsOf(title.normalize('NFKC')).join('-');
  return capSlug(slug || untitledSlug(title), maxLength);
}

/** `base-n` for the n-th article with the same slug, still within maxLength. */
export function withSuffix(base: string, n: number, maxLength = DEFAULT_SLUG_MAX_LENGTH): string {
  const suffix = `-${n}`;
  const room = Math.max(maxLength - suffix.length, 1);
  return `${capSlug(base, room).replace(/-+$/, '')}${suffix}`;
}
