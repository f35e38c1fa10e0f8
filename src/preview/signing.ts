/**
 * Preview addresses, signed: `/preview/articles/<documentId>?status=draft&expires=…&signature=…`.
 * The content manager asks config/admin.ts's preview handler for the address only for a signed-in
 * editor; the page checks the signature, so a draft is readable by whoever holds a fresh address
 * and by no one else. The key is derived from the admin's JWT secret (no new secret to keep), and
 * an address lasts an hour: one copied into a chat or a log stops working.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type PreviewStatus = 'draft' | 'published';
export const PREVIEW_STATUSES: readonly PreviewStatus[] = ['draft', 'published'];
export const PREVIEW_PATH = '/preview/articles';
export const PREVIEW_TTL_SECONDS = 3600;

const keyOf = (adminSecret: string) => createHmac('sha256', adminSecret).update('kuaizhao preview').digest();
const signatureOf = (adminSecret: string, documentId: string, status: PreviewStatus, expires: number) =>
  createHmac('sha256', keyOf(adminSecret)).update(`${documentId}\n${status}\n${expires}`).digest('base64url');

/** The address (path and query) of a preview valid until `now + PREVIEW_TTL_SECONDS`. */
export function signedPreviewPath(adminSecret: string, documentId: string, status: PreviewStatus, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PREVIEW_TTL_SECONDS;
  const query = new URLSearchParams({ status, expires: String(expires), signature: signatureOf(adminSecret, documentId, status, expires) });
  return `${PREVIEW_PATH}/${encodeURIComponent(documentId)}?${query}`;
}

export type PreviewCheck = { ok: true; status: PreviewStatus } | { ok: false; problem: string };

/** Whether the query of a preview request is a valid, unexpired signature for this document. */
export function checkPreview(adminSecret: string, documentId: string, query: Record<string, unknown>, now = Date.now()): PreviewCheck {
  const { status, expires, signature } = query;
  if (typeof status !== 'string' || !PREVIEW_STATUSES.includes(status as PreviewStatus)) return { ok: false, problem: 'status must be draft or published' };
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires)) return { ok: false, problem: 'expires must be a time in seconds' };
  if (typeof signature !== 'string') return { ok: false, problem: 'the address is not signed' };
  const wanted = Buffer.from(signatureOf(adminSecret, documentId, status as PreviewStatus, Number(expires)));
  const given = Buffer.from(signature);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, problem: 'the signature does not match: open the preview from the admin again' };
  if (Number(expires) * 1000 < now) return { ok: false, problem: 'this preview address has expired: open the preview from the admin again' };
  return { ok: true, status: status as PreviewStatus };
}
