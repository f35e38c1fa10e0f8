/**
 * Memento (RFC 7089), shaped like pywb and Wayback: an aggregator appends the original address
 * (URI-R) as is, slashes and query included, e.g. /api/timemap/link/https://example.com/a?b=1.
 * `(.*)` lets the router's last parameter take the rest of the path; the query string is added
 * back in the controller. Permissioned actions, granted to Public in security/public-permissions.ts.
 */
export default {
  routes: [
    { method: 'GET', path: '/timemap/link/:uri(.*)', handler: 'api::capture.memento.timeMapLink' },
    { method: 'GET', path: '/timemap/json/:uri(.*)', handler: 'api::capture.memento.timeMapJson' },
    { method: 'GET', path: '/timegate/:uri(.*)', handler: 'api::capture.memento.timeGate' },
    { method: 'GET', path: '/mementos/:id', handler: 'api::capture.memento.memento' },
  ],
};
