/**
 * What an introspection (`__schema`, `__type`) costs: the schema elements it lists.
 *
 * Introspection reads the schema held in memory, not rows, so pricing its lists as rows (25 a
 * list, nested) put graphql-js's standard introspection query at 617,812 and no tool could load
 * the schema. Its cost is counted instead by walking the query over the schema itself, as the
 * server would answer it: every type, field, argument, input field, enum value and directive the
 * answer lists counts 1. The standard query lists each element once, so it costs about the
 * schema's size; a query that re-enters types (`fields { type { fields { type { fields …`) pays
 * for every element it lists again, and aliases pay each time. graphql-depth-limit skips `__`
 * fields, so this is the only bound on such a query; the walk stops once past `budget`, so
 * pricing a hostile query costs no more than the budget.
 */
import {
  getArgumentValues,
  getNamedType,
  isListType,
  getNullableType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
  __Schema,
  __Type,
  __Field,
  __InputValue,
  __EnumValue,
  __Directive,
} from 'graphql';

const INTROSPECTION_TYPES = new Map<string, GraphQLObjectType>(
  [__Schema, __Type, __Field, __InputValue, __EnumValue, __Directive].map((type) => [type.name, type]),
);

export const isIntrospectionTypeName = (name: string) => INTROSPECTION_TYPES.has(name);

export interface IntrospectionWalk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Stop counting past this: the answer is then "more than the budget". */
  budget: number;
}

/** The elements that `selectionSet` lists when asked of `source`, an object of introspection type `type`. */
export function introspectionCost(
  type: GraphQLObjectType,
  source: unknown,
  selectionSet: SelectionSetNode | undefined,
  walk: IntrospectionWalk,
): number {
  let cost = 0;
  const visit = (objectType: GraphQLObjectType, value: unknown, selections: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selections?.selections ?? []) {
      if (cost > walk.budget) return;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(objectType, value, selection.selectionSet, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = walk.fragments[name];
        if (fragment && !seen.has(name)) visit(objectType, value, fragment.selectionSet, new Set(seen).add(name));
      } else {
        const field = objectType.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
        const childType = field && INTROSPECTION_TYPES.get(getNamedType(field.type).name);
        if (!field || !childType || !field.resolve) continue;
        const args = getArgumentValues(field, selection, walk.variables);
        const result = field.resolve(value, args, undefined, { schema: walk.schema } as never);
        if (result == null) continue;
        const list = isListType(getNullableType(field.type));
        const items: unknown[] = list ? Array.from(result as Iterable<unknown>) : [result];
        for (const item of items) {
          // A list's items are what is listed; a single type reference (`type`, `ofType`) rides on the item that holds it.
          if (list) cost += 1;
          if (cost > walk.budget) return;
          visit(childType, item, selection.selectionSet, seen);
        }
      }
    }
  };
  visit(type, source, selectionSet, new Set());
  return cost;
}

/** The cost of a root `__schema` or `__type(name:)` field, or undefined for any other field. */
export function rootIntrospectionCost(
  schema: GraphQLSchema,
  fieldName: string,
  args: Record<string, unknown>,
  selectionSet: SelectionSetNode | undefined,
  walk: IntrospectionWalk,
): number | undefined {
  if (fieldName === '__schema') return 1 + introspectionCost(__Schema, schema, selectionSet, walk);
  if (fieldName === '__type') {
    const named = typeof args.name === 'string' ? schema.getType(args.name) : undefined;
    return 1 + (named ? introspectionCost(__Type, named, selectionSet, walk) : 0);
  }
  return undefined;
}
