import { declareFieldCost, type DeclaredCost } from '../security/graphql-cost';

/** GraphQL passes an argument given as null; it means "not given", as an absent REST parameter. */
export const givenArguments = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));

/** A whole-number argument, or its default when absent or not a number (the parser then refuses it). */
export const countArgument = (value: unknown, fallback: number): number => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : fallback);

/**
 * Registers a custom root query answered by a REST action's service: its type definitions, its
 * resolver, the permission (an action uid) that scopes it as the REST route is scoped, and its
 * cost for the GraphQL cost limit (security/graphql-cost.ts): the rows it may read times its work
 * per row, from its arguments. Its selection is counted on top, as for any field; aliases add up.
 */
export function registerRootQuery(
  strapi: { plugin(name: string): any },
  {
    name,
    typeDefs,
    scope,
    cost,
    resolve,
  }: { name: string; typeDefs: string; scope: string; cost: DeclaredCost; resolve: (args: Record<string, unknown>, context: any) => unknown },
): void {
  declareFieldCost('Query', name, cost);
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      typeDefs,
      resolvers: { Query: { [name]: (_parent: unknown, args: Record<string, unknown>, context: unknown) => resolve(args, context) } },
      resolversConfig: { [`Query.${name}`]: { auth: { scope: [scope] } } },
    }));
}
