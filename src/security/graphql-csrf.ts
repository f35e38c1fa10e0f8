/**
 * Cross-site request forgery on the GraphQL endpoint, decided for POST only.
 *
 * Apollo's own prevention refuses every request a browser may send cross-site without a
 * preflight: a POST of a form, and every GET. But a GET runs queries only (Apollo refuses a
 * mutation over GET), and the content API authenticates by the `Authorization` header, which a
 * cross-site page cannot attach without a preflight: a forged GET reads what the Public role
 * reads, which anyone may read, and CORS keeps its answer from the forging page. Refusing GET only
 * broke the clients that send queries that way by default (urql, Apollo Client with
 * `useGETForQueries`). So Apollo's check is off (config/plugins.ts) and this one keeps it for POST:
 * a POST a form could send (no content type, or text/plain, multipart/form-data or
 * x-www-form-urlencoded) must carry a header a form cannot, as Apollo asks.
 */
export const CSRF_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Why a request to the GraphQL endpoint is refused as a possible forgery, or null. */
export function graphqlCsrfRefusal(method: string, header: (name: string) => string): string | null {
  if (method.toUpperCase() !== 'POST') return null;
  const type = header('content-type').split(';')[0].trim().toLowerCase();
  if (type !== '' && !FORM_TYPES.includes(type)) return null;
  if (CSRF_HEADERS.some((name) => header(name) !== '')) return null;
  return (
    `This POST was refused as a possible cross-site request forgery: send it as application/json, ` +
    `or with a non-empty ${CSRF_HEADERS.join(' or ')} header. Queries may also be sent as GET.`
  );
}
