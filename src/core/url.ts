/**
 * The one rule for every stored address (an article's `originalUrl`, a related link's `url`, a
 * source's `homepage`): an absolute http(s) URL of at most MAX_URL_LENGTH characters, stored as
 * the WHATWG URL parser writes it. Anything else (`javascript:`, `data:`, a relative path) would
 * become a live link in whatever page shows it, so it is refused on the way in and never served
 * on the way out. The serialised form percent-encodes quotes, angle brackets and spaces, so a
 * stored address cannot close the attribute or element a page puts it in; control characters
 * are refused outright, as the parser would silently drop tabs and newlines and keep the rest.
 */
export const MAX_URL_LENGTH = 2048;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The address as the archive stores it, or why it may not be stored. */
export function safeUrl(text: string): { href: string } | { problem: string } {
  if (text.length > MAX_URL_LENGTH) return { problem: `longer than ${MAX_URL_LENGTH} characters (${text.length})` };
  const control = CONTROL_CHARACTER.exec(text);
  if (control) return { problem: `contains a control character (${codePoint(control[0])})` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `not an absolute address: "${text}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `not an http(s) address: "${text}"` };
  if (url.href.length > MAX_URL_LENGTH) return { problem: `longer than ${MAX_URL_LENGTH} characters once percent-encoded (${url.href.length})` };
  return { href: url.href };
}

/** Why `text` is not an address the archive may store, or null when it is one. */
export function urlProblem(text: string): string | null {
  const verdict = safeUrl(text);
  return 'problem' in verdict ? verdict.problem : null;
}

export const isSafeUrl = (value: unknown): boolean => typeof value === 'string' && urlProblem(value) === null;

/**
 * A record's related links with every address in its stored form and every bad one removed (the
 * link itself is kept: its title and excerpt are still the page's text), and one message per
 * removed address.
 */
export function withSafeLinkUrls<L extends { url?: string | null }>(links: L[]): { links: L[]; problems: string[] } {
  const problems: string[] = [];
  const safe = links.map((link, i) => {
    if (link.url === undefined || link.url === null) return link;
    const verdict = safeUrl(link.url);
    if ('href' in verdict) return verdict.href === link.url ? link : { ...link, url: verdict.href };
    problems.push(`relatedLinks[${i}].url dropped: ${verdict.problem}`);
    return { ...link, url: null };
  });
  return { links: safe, problems };
}

/**
 * The address the public reaches the archive at (PUBLIC_URL), without a trailing slash: every
 * absolute link the archive serves starts with it, so a request's Host header cannot choose
 * where those links point. Refused when missing in production, or when not an http(s) address.
 */
export function publicUrlOf(configured: string | null | undefined, environment: string | undefined): string {
  if (!configured) {
    if (environment === 'production') {
      throw new Error(
        'Refusing to start: PUBLIC_URL is not set. In production every absolute link the archive serves (JSON-LD archivedAt, ' +
          "Memento's TimeGate and TimeMaps, a 451's blocked-by) is built from it rather than from the request's Host header; " +
          'set it to the address the public reaches the archive at, e.g. PUBLIC_URL=https://kuaizhao.example',
      );
    }
    throw new Error('server.url is empty: config/server.ts sets it to PUBLIC_URL or http://localhost:$PORT');
  }
  const verdict = safeUrl(configured);
  if ('problem' in verdict) throw new Error(`Refusing to start: PUBLIC_URL must be an http(s) address: ${verdict.problem}`);
  const url = new URL(verdict.href);
  if (url.search || url.hash) throw new Error(`Refusing to start: PUBLIC_URL must not carry a query or fragment: "${configured}"`);
  return url.href.replace(/\/+$/, '');
}
