/**
 * A fingerprint of what an article says, used to spot the same article
 * captured twice. Presentation differences (CRLF, full-width forms, extra
 * spaces, blank paragraphs) must not change it.
 */
import { createHash } from 'crypto';

const normalize = (text: string): string => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

export function contentHash(title: string, paragraphs: string[]): string {
  const lines = [normalize(title), ...paragraphs.map(normalize).filter(Boolean)];
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}
