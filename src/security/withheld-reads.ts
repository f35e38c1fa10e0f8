/**
 * Public reads never show a withheld article: not at the top of a query, not behind a populated
 * relation (a curated link's target), not in GraphQL's relation fields. Called for the readers
 * published-only.ts keeps to published content (the Public role and end users); editors and API
 * tokens, who may read drafts, see withheld articles too.
 */
import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { NOT_WITHHELD_FILTER, WITHHELD_ATTRIBUTE } from '../db/visibility';

type Params = Record<string, any>;

const and = (filters: unknown, extra: object) => (filters && Object.keys(filters as object).length > 0 ? { $and: [filters, extra] } : extra);

function attributesOf(strapi: Core.Strapi, uid: string): Record<string, any> | undefined {
  return (strapi.contentTypes as any)[uid]?.attributes ?? (strapi.components as any)[uid]?.attributes;
}

/** REST's populate forms ('*', 'a,b.c', ['a', 'b.c'], { a: true | {...} }) as one object. */
function populateEntries(strapi: Core.Strapi, uid: string, populate: unknown): Record<string, any> | null {
  const attributes = attributesOf(strapi, uid) ?? {};
  if (populate === '*' || populate === true) {
    return Object.fromEntries(
      Object.entries(attributes)
        .filter(([, attribute]) => attribute.type === 'relation' || attribute.type === 'component')
        .map(([name]) => [name, true]),
    );
  }
  const paths = typeof populate === 'string' ? populate.split(',') : Array.isArray(populate) && populate.every((p) => typeof p === 'string') ? populate : null;
  if (paths) {
    const tree: Record<string, any> = {};
    for (const path of paths) {
      const [head, ...rest] = path.trim().split('.');
      if (!head) continue;
      if (head === '*') return populateEntries(strapi, uid, '*');
      tree[head] = rest.length > 0 ? { populate: [...(tree[head]?.populate ?? []), rest.join('.')] } : (tree[head] ?? true);
    }
    return tree;
  }
  return typeof populate === 'object' && populate !== null ? { ...(populate as Record<string, any>) } : null;
}

/** The populate tree with every relation to an article restricted to articles that are not withheld. */
function populateWithoutWithheld(strapi: Core.Strapi, uid: string, populate: unknown): unknown {
  const entries = populateEntries(strapi, uid, populate);
  if (!entries) return populate;
  const attributes = attributesOf(strapi, uid) ?? {};
  for (const [name, value] of Object.entries(entries)) {
    const attribute = attributes[name];
    if (!attribute || value === false || value === 'false') continue;
    const target: string | undefined = attribute.type === 'relation' ? attribute.target : attribute.type === 'component' ? attribute.component : undefined;
    if (!target) continue;
    // REST gives `populate[target]=true` as the string 'true'.
    const nested: Params = typeof value === 'object' && value !== null ? { ...(value as Params) } : {};
    if (nested.populate !== undefined) nested.populate = populateWithoutWithheld(strapi, target, nested.populate);
    if (target === ARTICLE) nested.filters = and(nested.filters, NOT_WITHHELD_FILTER);
    entries[name] = Object.keys(nested).length > 0 ? nested : value;
  }
  return entries;
}

/** Document Service params of a public read, narrowed to what is publicly visible. */
export function hideWithheld(strapi: Core.Strapi, uid: string, params: Params): Params {
  const next: Params = { ...params };
  if (uid === ARTICLE) next.filters = and(params.filters, NOT_WITHHELD_FILTER);
  // Only the app's own types can reach an article; plugin reads keep their populate as given.
  if (params.populate !== undefined && uid.startsWith('api::')) next.populate = populateWithoutWithheld(strapi, uid, params.populate);
  return next;
}

/**
 * GraphQL loads relations with the query engine, past the Document Service: for untrusted readers,
 * a relation field that points at an article drops a withheld one. Applied by
 * published-only.ts's relation-field middleware (one middleware per field: the GraphQL
 * plugin merges two registrations of the same field index by index, so a second would be lost).
 */
export function withoutWithheld(result: any): any {
  const visible = (value: any) => value && !value[WITHHELD_ATTRIBUTE];
  if (Array.isArray(result)) return result.filter(visible);
  if (result && Array.isArray(result.nodes)) return { ...result, nodes: result.nodes.filter(visible) };
  return result && !visible(result) ? null : result;
}
