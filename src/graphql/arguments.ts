/** GraphQL passes an argument given as null; it means "not given", as an absent REST parameter. */
export const givenArguments = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));
