/**
 * A frontend's client of the public REST API, as a frontend team would write it: types generated
 * by openapi-typescript from /api/openapi.json (generated/public-api.d.ts) and calls made with
 * openapi-fetch. tests/integration/openapi-tools.test.ts type-checks this file against freshly
 * generated types and runs it against the app: every public route once.
 */
import createClient from 'openapi-fetch';
import type { paths } from './generated/public-api';

export interface Called {
  operation: string;
  status: number;
  /** What the client's types say the call returned, read through them. */
  seen: string;
}

export interface Known {
  articleId: string;
  articleSlug: string;
  sourceId: string;
  categoryId: string;
  relatedLinkId: string;
  captureId: string;
  capturedUrl: string;
}

export async function callEveryPublicRoute(baseUrl: string, known: Known): Promise<Called[]> {
  const api = createClient<paths>({ baseUrl: `${baseUrl}/api` });
  const called: Called[] = [];
  const record = (operation: string, response: Response, seen: string) => called.push({ operation, status: response.status, seen });

  const list = await api.GET('/articles', { params: { query: { populate: '*', sort: 'snapshotAt:desc', 'pagination[pageSize]': 100 } } });
  record('listArticles', list.response, `${list.data?.data.length} articles, total ${list.data?.meta.pagination.total}`);

  const one = await api.GET('/articles/{id}', { params: { path: { id: known.articleId }, query: { populate: ['category', 'source'] } } });
  record('getArticle', one.response, `${one.data?.data.title} in ${one.data?.data.category?.name ?? 'no category'}`);

  const search = await api.GET('/articles/search', { params: { query: { q: '江门', pageSize: 5 } } });
  record('searchArticles', search.response, `${search.data?.meta.pagination.total} hits, first ${search.data?.data[0]?.title}`);

  const related = await api.GET('/articles/{idOrSlug}/related', { params: { path: { idOrSlug: known.articleSlug }, query: { limit: 5, kind: 'all' } } });
  record('relatedArticles', related.response, `${related.data?.data.length} related of ${related.data?.meta.article.title}`);

  const jsonld = await api.GET('/articles/{idOrSlug}/jsonld', { params: { path: { idOrSlug: known.articleId } } });
  record('articleJsonLd', jsonld.response, `${jsonld.data?.['@type']} in ${jsonld.data?.inLanguage}`);

  const reprints = await api.GET('/articles/{idOrSlug}/reprints', { params: { path: { idOrSlug: known.articleId } } });
  record('articleReprints', reprints.response, `${reprints.data?.data.length} copies`);

  const sources = await api.GET('/sources', { params: { query: { sort: ['name:asc'], fields: ['name', 'kind'] } } });
  record('listSources', sources.response, `${sources.data?.data.map((source) => source.name).join(',')}`);
  const source = await api.GET('/sources/{id}', { params: { path: { id: known.sourceId } } });
  record('getSource', source.response, `${source.data?.data.kind}`);

  const categories = await api.GET('/categories', { params: { query: { 'pagination[start]': 0, 'pagination[limit]': 10 } } });
  record('listCategories', categories.response, `${categories.data?.data.length} categories`);
  const category = await api.GET('/categories/{id}', { params: { path: { id: known.categoryId } } });
  record('getCategory', category.response, `${category.data?.data.name}`);

  const links = await api.GET('/related-links', { params: { query: { populate: ['article'], sort: 'position:asc' } } });
  record('listRelatedLinks', links.response, `${links.data?.data.length} links`);
  const link = await api.GET('/related-links/{id}', { params: { path: { id: known.relatedLinkId } } });
  record('getRelatedLink', link.response, `${link.data?.data.title ?? link.data?.data.excerpt}`);

  const linkFormat = await api.GET('/timemap/link/{uri}', { params: { path: { uri: known.capturedUrl } }, parseAs: 'text' });
  record('timeMapLink', linkFormat.response, `${linkFormat.data?.split('\n').length} lines`);
  const timeMap = await api.GET('/timemap/json/{uri}', { params: { path: { uri: known.capturedUrl } } });
  record('timeMapJson', timeMap.response, `${timeMap.data?.captures.length} captures of ${timeMap.data?.original}`);
  const gate = await api.GET('/timegate/{uri}', {
    params: { path: { uri: known.capturedUrl }, header: { 'Accept-Datetime': 'Fri, 03 May 2024 00:45:09 GMT' } },
    redirect: 'manual',
  });
  record('timeGate', gate.response, `${gate.response.headers.get('location')}`);
  const memento = await api.GET('/mementos/{id}', { params: { path: { id: known.captureId } } });
  record('getMemento', memento.response, `${memento.data?.data.title} at ${memento.data?.meta.memento.datetime}`);

  const document = await api.GET('/openapi.json');
  record('openApiDocument', document.response, `${Object.keys(document.data ?? {}).length} keys`);
  return called;
}
