/**
 * The one rule for every stored address (an article's `originalUrl`, a related link's `url`, a
 * source's `homepage`): an absolute http(s) URL of at most MAX_URL_LENGTH characters. Anything
 * else (`javascript:`, `data:`, a relative path) would become a live link in whatever page shows
 * it, so it is refused on the way in and never served on the way out.
 */
const MAX_URL_LENGTH = 2048;

/** Why `text` is not an address the archive may store, or null when it is one. */
export function urlProblem(text: string): string | null {
  if (text.length > MAX_URL_LENGTH) return `longer than ${MAX_URL_LENGTH} characters (${text.length})`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not an absolute address: "${text}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `not an http(s) address: "${text}"`;
  return null;
}

export const isSafeUrl = (value: unknown): boolean => typeof value === 'string' && urlProblem(value) === null;

/** The stored URL fields of each content type, by uid: one list for the write path and the read path. */
export const URL_FIELDS: Record<string, readonly string[]> = {
  'api::article.article': ['originalUrl'],
  'api::related-link.related-link': ['url'],
  'api::source.source': ['homepage'],
};

/**
 * A record's related links with every bad address removed (the link itself is kept: its title
 * and excerpt are still the page's text), and one message per removed address.
 */
export function withSafeLinkUrls<L extends { url?: string | null }>(links: L[]): { links: L[]; problems: string[] } {
  const problems: string[] = [];
  const safe = links.map((link, i) => {
    if (link.url === undefined || link.url === null) return link;
    const problem = urlProblem(link.url);
    if (!problem) return link;
    problems.push(`relatedLinks[${i}].url dropped: ${problem}`);
    return { ...link, url: null };
  });
  return { links: safe, problems };
}
