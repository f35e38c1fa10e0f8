import type { Core } from '@strapi/strapi';
import { GraphQLScalarType, Kind } from 'graphql';
import { toIsoUtc } from '../core/beijing-time';

/**
 * GraphQL's DateTime scalar refuses a time without a zone. The archive's rule is that such a time
 * is Beijing time (core/beijing-time.ts), on every way in: this scalar reads naive input through
 * that rule and otherwise behaves exactly like Strapi's own.
 */
export function registerBeijingDateTime(strapi: Core.Strapi): void {
  const scalars = strapi.plugin('graphql').service('internals').scalars as Record<string, GraphQLScalarType>;
  const stock = scalars.DateTime;
  const config = stock.toConfig();
  const read = (value: unknown) => (typeof value === 'string' ? (toIsoUtc(value) ?? value) : value);
  scalars.DateTime = new GraphQLScalarType({
    ...config,
    parseValue: (value) => stock.parseValue(read(value)),
    parseLiteral: (ast, variables) =>
      ast.kind === Kind.STRING ? stock.parseValue(read(ast.value)) : stock.parseLiteral(ast, variables),
  });
}
