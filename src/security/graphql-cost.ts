import { getNullableType, GraphQLError, isListType, type GraphQLSchema, type DocumentNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one GraphQL request may cost: every selected field counts 1, and a field returning a list
 * counts its selection once per row it may return. Aliases are separate fields, so forty aliased
 * copies of one query cost forty times as much. Depth alone (the plugin's depthLimit) misses both.
 */
export const DEFAULT_MAX_COST = 10_000;

/** Rows a list field may return when the query does not say: the plugin's defaultLimit. */
const DEFAULT_ROWS = 25;

function rowsOf(args: Record<string, any>): number {
  const pagination = args?.pagination ?? {};
  const asked = Number(pagination.limit ?? pagination.pageSize ?? args?.limit);
  return Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_ROWS;
}

const listAware: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paginated = field.args?.some((arg) => arg.name === 'pagination');
  // A `*_connection` field's `nodes` list is already counted by the paginated field above it.
  const list = isListType(getNullableType(field.type)) && field.name !== 'nodes';
  const rows = paginated || list ? rowsOf(args) : 1;
  return 1 + rows * childComplexity;
};

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [listAware] });
}

/** An Apollo Server plugin refusing, before anything runs, a request that costs more than `maxCost`. */
export function costLimitPlugin(maxCost: number) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }: { request: any; document: DocumentNode; schema: GraphQLSchema }) {
          const cost = queryCost(schema, document, request.variables ?? {}, request.operationName ?? undefined);
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

