/** GraphQL passes an argument given as null; it means "not given", as an absent REST parameter. */
export const givenArguments = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));

/**
 * Registers a custom root query answered by a REST action's service: its type definitions, its
 * resolver, and the permission (an action uid) that scopes it as the REST route is scoped.
 */
export function registerRootQuery(
  strapi: { plugin(name: string): any },
  { name, typeDefs, scope, resolve }: { name: string; typeDefs: string; scope: string; resolve: (args: Record<string, unknown>) => unknown },
): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      typeDefs,
      resolvers: { Query: { [name]: (_parent: unknown, args: Record<string, unknown>) => resolve(args) } },
      resolversConfig: { [`Query.${name}`]: { auth: { scope: [scope] } } },
    }));
}
