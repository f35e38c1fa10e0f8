import type { Core } from '@strapi/strapi';
import { getNamedType, getNullableType, GraphQLError, isListType, Kind, type GraphQLSchema, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { graphqlFilterJoins, TO_MANY_FILTER_COST, type FilterJoins } from './filter-limits';
import { isIntrospectionTypeName, rootIntrospectionCost, type IntrospectionWalk } from './introspection-cost';

/**
 * What one GraphQL request may cost: every selected field counts 1, and a field returning a list
 * counts its selection once per row it may return. Aliases are separate fields, so forty aliased
 * copies of one query cost forty times as much. Depth alone (the plugin's depthLimit) misses both.
 * A custom root query costs what it declares (registerRootQuery), and `filters` through a to-many
 * relation what they read (filter-limits.ts). An introspection costs the schema elements it lists
 * (introspection-cost.ts), not rows.
 */
export const DEFAULT_MAX_COST = 10_000;

/** Rows a list field may return when the query does not say: the plugin's defaultLimit. */
const DEFAULT_ROWS = 25;

function rowsOf(args: Record<string, any>): number {
  const pagination = args?.pagination ?? {};
  const asked = Number(pagination.limit ?? pagination.pageSize ?? args?.limit);
  return Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_ROWS;
}

/** A field's own cost from its arguments: the rows it reads times its work per row. */
export type DeclaredCost = (args: Record<string, any>) => number;

/** Declared costs by `Type.field`: the custom root queries' (src/graphql/arguments.ts registerRootQuery). */
const declaredCosts = new Map<string, DeclaredCost>();

export function declareFieldCost(typeName: string, fieldName: string, cost: DeclaredCost): void {
  declaredCosts.set(`${typeName}.${fieldName}`, cost);
}

const estimator =
  (schema: GraphQLSchema, walk: IntrospectionWalk, filterJoins?: FilterJoins): ComplexityEstimator =>
  ({ type, field, args, node, childComplexity }) => {
    // Within an introspection the walk of its root field has counted everything.
    if (isIntrospectionTypeName(type.name)) return 0;
    const introspection = rootIntrospectionCost(schema, field.name, args ?? {}, node.selectionSet, walk);
    if (introspection !== undefined) return introspection;
    const filtersArg = field.args?.find((arg) => arg.name === 'filters');
    const joins = filtersArg && args?.filters != null && filterJoins ? filterJoins(getNamedType(filtersArg.type).name, args.filters) : 0;
    // A root field's join reads the whole relation; a relation field's, the related rows of one parent.
    const filters = joins * (type.name === 'Query' ? TO_MANY_FILTER_COST : rowsOf(args));
    const declared = declaredCosts.get(`${type.name}.${field.name}`);
    if (declared) return declared(args ?? {}) + filters + childComplexity;
    const paginated = field.args?.some((arg) => arg.name === 'pagination');
    // A `*_connection` field's `nodes` list is already counted by the paginated field above it.
    const list = isListType(getNullableType(field.type)) && field.name !== 'nodes';
    const rows = paginated || list ? rowsOf(args) : 1;
    return 1 + filters + rows * childComplexity;
  };

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
  filterJoins?: FilterJoins,
  budget = Number.MAX_SAFE_INTEGER,
): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const walk: IntrospectionWalk = { schema, fragments, variables, budget };
  return getComplexity({ schema, query: document, variables, operationName, estimators: [estimator(schema, walk, filterJoins)] });
}

/** The running app's filter limits and join counts: the plugin is built with the config, before the app exists, so it reads Strapi's global at request time. */
const appFilterJoins = (): FilterJoins | undefined => {
  const app = (globalThis as { strapi?: Core.Strapi }).strapi;
  return app ? graphqlFilterJoins(app) : undefined;
};

/** An Apollo Server plugin refusing, before anything runs, a request that costs more than `maxCost`. */
export function costLimitPlugin(maxCost: number) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }: { request: any; document: DocumentNode; schema: GraphQLSchema }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables ?? {}, request.operationName ?? undefined, appFilterJoins(), maxCost);
          } catch (error) {
            // Variables of the wrong type: Apollo refuses them itself with 400 before anything
            // runs; refused from here, they would be answered 500.
            if (error instanceof GraphQLError && error.extensions?.code === undefined) return;
            throw error;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query too costly: it may read about ${cost} fields and rows, at most ${maxCost} are allowed. Ask for fewer aliases, smaller pages or less nesting.`,
              { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

