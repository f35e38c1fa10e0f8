import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { GraphQLError } from 'graphql';
import type { DocumentMiddleware } from '../db/document-actions';
import { checkQueryFilters, FilterComplexityError, filterProblem } from './filter-complexity';
import { schemaLookup } from './published-only';

/**
 * What a to-many join in a GraphQL root field's `filters` adds to the request's cost
 * (graphql-cost.ts): it reads every row of the relation its condition cannot rule out by an index,
 * about what a search ranking its thousand candidates reads (60 ms at 2,000 articles with 5 links
 * each). So aliases of such a filter add up to the limit after a few, not after hundreds. A
 * relation field's filters run once per parent row, on that row's related rows only: there a join
 * costs those rows.
 */
export const TO_MANY_FILTER_COST = 1000;

/** A request to the content API (REST or GraphQL, public or with a token), not the admin's nor code run outside a request. */
function isContentApiRequest(strapi: Core.Strapi): boolean {
  return strapi.requestContext.get()?.state?.route?.info?.type === 'content-api';
}

/**
 * REST filters within the limits (filter-complexity.ts), refused with 400 before any query runs.
 * In the Document Service, where a REST query arrives validated and with its content type known;
 * outermost, so it counts the client's filters, not the public rewrite's.
 */
export function filterLimitsOnReads(strapi: Core.Strapi): DocumentMiddleware {
  const schemaOf = schemaLookup(strapi);
  return async (context, next) => {
    if (isContentApiRequest(strapi)) {
      const params = (context.params ?? {}) as Record<string, unknown>;
      try {
        checkQueryFilters(schemaOf, context.uid, params, '$');
      } catch (error) {
        if (error instanceof FilterComplexityError) throw new errors.ValidationError(error.message, { param: 'filters' });
        throw error;
      }
      if (params.filters !== undefined) buildableFilters(strapi, context.uid, params.filters);
    }
    return next();
  };
}

/**
 * Filters the query engine can build, by building their query without running it: a value its
 * column cannot take (`filters[position][$eq]=`, a date that is none) makes the engine throw a
 * plain Error, which Strapi answers with 500. Here it is the client's mistake, said with a 400.
 */
function buildableFilters(strapi: Core.Strapi, uid: string, filters: unknown): void {
  const entityManager = (strapi.db as unknown as { entityManager: { createQueryBuilder(uid: string): any } }).entityManager;
  try {
    entityManager.createQueryBuilder(uid).where(filters).select('id').getKnexQuery();
  } catch (error) {
    throw new errors.ValidationError(`filters cannot be read: ${(error as Error).message}`, { param: 'filters' });
  }
}

/** The to-many joins of one GraphQL `filters` argument, by the name of its input type (`ArticleFiltersInput`); a GraphQLError beyond the limits. */
export type FilterJoins = (filtersType: string, filters: unknown) => number;

const joinCounters = new WeakMap<Core.Strapi, FilterJoins>();

/**
 * GraphQL filters, root fields' and relation fields' alike, limited and counted before anything
 * runs: the cost limit's estimator (graphql-cost.ts) calls this for every field given `filters`.
 */
export function graphqlFilterJoins(strapi: Core.Strapi): FilterJoins {
  let joins = joinCounters.get(strapi);
  if (joins) return joins;
  const schemaOf = schemaLookup(strapi);
  const { naming } = strapi.plugin('graphql').service('utils');
  const uidOf = new Map<string, string>(
    [...Object.entries(strapi.contentTypes), ...Object.entries(strapi.components)].map(([uid, schema]) => [naming.getFiltersInputTypeName(schema), uid]),
  );
  joins = (filtersType, filters) => {
    const uid = uidOf.get(filtersType);
    if (!uid) return 0;
    const { complexity, problem } = filterProblem(schemaOf, uid, filters, '');
    if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    return complexity.toManyJoins.length;
  };
  joinCounters.set(strapi, joins);
  return joins;
}
