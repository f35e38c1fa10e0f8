/**
 * The canonical form of a page address, in the spirit of SURT (the key web archives sort and
 * look captures up by): the same page written differently (http or https, host case, a default
 * port, a fragment, tracking parameters, query order) gets one key. Matching captures, looking
 * them up and Memento use it; the stored `originalUrl` keeps what the page said.
 *
 * `https://WWW.Example.com:443/a/b?utm_source=x&b=2&a=1#top` → `com,example)/a/b?a=1&b=2`
 */

/** Query parameters that say who sent the visitor, not which page it is. */
const TRACKING_PARAMETERS = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'fbclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  'spm',
]);

const isTracking = (name: string) => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
};

/** http and https are one page to an archive; so are their default ports. */
const DEFAULT_PORTS = new Set(['80', '443']);

/**
 * The canonical key of an http(s) address, or null when `raw` is not one. A leading `www.` is
 * dropped as SURT canonicalisers do; paths keep their case (servers may tell them apart).
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;

  const labels = url.hostname.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length > 2 && labels[0] === 'www') labels.shift();
  const port = url.port && !DEFAULT_PORTS.has(url.port) ? `:${url.port}` : '';
  const host = `${labels.reverse().join(',')}${port}`;

  const parameters = [...url.searchParams.entries()]
    .filter(([name]) => !isTracking(name))
    .sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)));
  const query = parameters.length > 0 ? `?${new URLSearchParams(parameters).toString()}` : '';
  return `${host})${url.pathname || '/'}${query}`;
}

/**
 * The address as the page wrote it, less what never names the page: tracking parameters and the
 * fragment. Host case and default ports are normalised the way URL parsing does; the scheme, the
 * `www.`, the other parameters and their order are kept. Null when `raw` is not an http(s) address.
 */
export function withoutTracking(raw: string | null | undefined): string | null {
  if (!raw || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (isTracking(name)) url.searchParams.delete(name);
  return url.href;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
