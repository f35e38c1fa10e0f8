/**
 * Filters the query engine cannot build are the client's mistake: said with a 400 before the
 * engine throws a plain Error, which Strapi answers with 500. The rules are the engine's own
 * (@strapi/database, query/helpers/where): `$and`/`$or` take a list of conditions, `$not` one;
 * only those three stand where a field is expected; under a field, every key is an operator and
 * `$not` the only logical one;
 * a relation's object is either conditions on its fields or one operator on its id; `$between`
 * takes two values; a comparison takes a value or a list of values, not an object.
 *
 * Plain functions over the schemas, in REST (`$or`) and GraphQL (`or`) style, as relation-scope.ts.
 */
import type { OperatorStyle, SchemaOf } from './relation-scope';

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The first problem of `filters` on `uid`, said with its path; undefined when the engine can build them. */
export function filterShapeProblem(schemaOf: SchemaOf, uid: string, filters: unknown, style: OperatorStyle): string | undefined {
  const op = (name: string) => `${style}${name}`;
  const isOperator = (key: string) => (style === '$' ? key.startsWith('$') : /^[a-z]+$/i.test(key) && OPERATOR_NAMES.has(key));
  const at = (path: string[]) => (path.length === 0 ? 'filters' : `filters.${path.join('.')}`);

  const conditions = (current: string, where: unknown, path: string[]): string | undefined => {
    if (Array.isArray(where)) {
      for (const [i, item] of where.entries()) {
        const problem = conditions(current, item, [...path, String(i)]);
        if (problem) return problem;
      }
      return undefined;
    }
    if (!isPlain(where)) return `${at(path)} must be an object of conditions`;
    const attributes = schemaOf(current)?.attributes ?? {};
    for (const [key, value] of Object.entries(where)) {
      const here = [...path, key];
      if (key === op('and') || key === op('or')) {
        if (!Array.isArray(value)) return `${at(here)} must be a list of conditions`;
        const problem = conditions(current, value, here);
        if (problem) return problem;
        continue;
      }
      if (key === op('not')) {
        const problem = conditions(current, value, here);
        if (problem) return problem;
        continue;
      }
      if (isOperator(key)) return `${at(here)}: ${key} applies to a field, not to a whole ${style}and/${style}or/${style}not`;
      const attribute = attributes[key];
      // Unknown and private names are refused by Strapi's own validation, with their name.
      if (!attribute) continue;
      if (attribute.type === 'relation' || attribute.type === 'component') {
        const target = attribute.type === 'relation' ? attribute.target : attribute.component;
        const problem = target ? relation(target, value, here) : undefined;
        if (problem) return problem;
        continue;
      }
      if (attribute.type === 'dynamiczone' || attribute.type === 'media') return `${at(here)}: a ${attribute.type} cannot be filtered on`;
      const problem = field(value, here);
      if (problem) return problem;
    }
    return undefined;
  };

  const relation = (target: string, value: unknown, path: string[]): string | undefined => {
    if (!isPlain(value)) return field(value, path);
    const keys = Object.keys(value);
    const operators = keys.filter(isOperator);
    if (operators.length === 0 || keys.every((key) => [op('and'), op('or'), op('not')].includes(key))) return conditions(target, value, path);
    if (operators.length !== keys.length) return `${at(path)} mixes operators (${operators.join(', ')}) with fields of the relation`;
    if (operators.length > 1) return `${at(path)} takes one operator on the relation's id, got ${operators.join(', ')}`;
    return field(value, path);
  };

  const field = (value: unknown, path: string[]): string | undefined => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const problem = field(item, [...path, String(i)]);
        if (problem) return problem;
      }
      return undefined;
    }
    if (!isPlain(value)) return undefined;
    for (const [key, operand] of Object.entries(value)) {
      const here = [...path, key];
      if (!isOperator(key)) return `${at(here)}: "${key}" is not an operator`;
      if (key === op('and') || key === op('or')) return `${at(here)}: ${key} combines conditions on fields, it cannot stand under one`;
      if (key === op('not')) {
        const problem = field(operand, here);
        if (problem) return problem;
        continue;
      }
      if (key === op('between')) {
        if (!Array.isArray(operand) || operand.length !== 2 || !operand.every(isScalar)) return `${at(here)} takes two values`;
        continue;
      }
      const values = Array.isArray(operand) ? operand : [operand];
      if (!values.every(isScalar)) return `${at(here)} takes a value or a list of values`;
    }
    return undefined;
  };

  return conditions(uid, filters, []);
}

/** Strapi's filter operators, by the name GraphQL gives them (REST adds the `$`). */
const OPERATOR_NAMES = new Set([
  'and', 'or', 'not', 'eq', 'eqi', 'ne', 'nei', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'between', 'contains', 'notContains',
  'containsi', 'notContainsi', 'startsWith', 'startsWithi', 'endsWith', 'endsWithi', 'null', 'notNull',
]);
