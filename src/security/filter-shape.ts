/**
 * Filters the query engine cannot build are the client's mistake: said with a 400 before the
 * engine throws a plain Error, which Strapi answers with 500. The rules are the engine's own
 * (@strapi/database, query/helpers/where): `$and`/`$or` take a list of conditions, `$not` one;
 * only those three stand where a field is expected; under a field, every key is an operator and
 * `$not` the only logical one;
 * a relation's object is either conditions on its fields or one operator on its id, and ids are
 * whole numbers; `$between` takes two values; a comparison takes a value or a list of values, not
 * an object; `$contains`, `$startsWith` and `$endsWith` (not their `i` forms, which cast) compare text;
 * an integer is a whole number of 32 bits; a JSON field (blocks) is compared as text, by the
 * operators that cast it (`$containsi`…), or tested for null.
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
      const attribute = key === 'id' ? { type: ID } : attributes[key];
      // Unknown and private names are refused by Strapi's own validation, with their name.
      if (!attribute) continue;
      if (attribute.type === 'relation' || attribute.type === 'component') {
        const target = attribute.type === 'relation' ? attribute.target : attribute.component;
        const problem = target ? relation(target, value, here) : undefined;
        if (problem) return problem;
        continue;
      }
      if (attribute.type === 'dynamiczone' || attribute.type === 'media') return `${at(here)}: a ${attribute.type} cannot be filtered on`;
      const problem = field(value, here, attribute.type);
      if (problem) return problem;
    }
    return undefined;
  };

  const relation = (target: string, value: unknown, path: string[]): string | undefined => {
    const keys = isPlain(value) ? Object.keys(value) : [];
    const operators = keys.filter(isOperator);
    if (isPlain(value) && (operators.length === 0 || keys.every((key) => [op('and'), op('or'), op('not')].includes(key)))) return conditions(target, value, path);
    if (operators.length !== keys.length) return `${at(path)} mixes operators (${operators.join(', ')}) with fields of the relation`;
    if (operators.length > 1) return `${at(path)} takes one operator on the relation's id, got ${operators.join(', ')}`;
    // A relation given a value, or one operator, compares the related row's id. For a type with
    // drafts the public rule narrows it to published rows (relation-scope.ts), or refuses what it
    // cannot answer row by row ($null).
    return field(value, path, ID);
  };

  const field = (value: unknown, path: string[], type: string): string | undefined => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const problem = field(item, [...path, String(i)], type);
        if (problem) return problem;
      }
      return undefined;
    }
    // A bare value is an equality.
    if (!isPlain(value)) return field({ [op('eq')]: value }, path, type);
    for (const [key, operand] of Object.entries(value)) {
      const here = [...path, key];
      if (!isOperator(key)) return `${at(here)}: "${key}" is not an operator`;
      if (key === op('and') || key === op('or')) return `${at(here)}: ${key} combines conditions on fields, it cannot stand under one`;
      if (key === op('not')) {
        const problem = field(operand, here, type);
        if (problem) return problem;
        continue;
      }
      if (key === op('null') || key === op('notNull')) continue;
      if (JSON_TYPES.has(type) && !CAST_OPERATORS.includes(key.replace(/^\$/, ''))) {
        return `${at(here)}: a ${type} field is compared with ${CAST_OPERATORS.map(op).join(', ')}, ${op('null')} or ${op('notNull')}`;
      }
      if (key === op('between') && (!Array.isArray(operand) || operand.length !== 2)) return `${at(here)} takes two values`;
      const values = Array.isArray(operand) ? operand : [operand];
      if (!values.every(isScalar)) return `${at(here)} takes a value or a list of values`;
      // The case-sensitive text operators compare the column as it is: PostgreSQL has no LIKE for a number, a time or JSON.
      if (TEXT_OPERATORS.has(key.replace(/^\$/, '')) && !TEXT_TYPES.has(type)) return `${at(here)}: ${key} compares text, not a ${type === ID ? 'relation' : type}`;
      if (type === ID && !values.every(isId)) return `${at(here)} compares ids: ${JSON.stringify(operand)} is none`;
      if (type === 'integer' && !values.every(isInteger)) return `${at(here)} compares whole numbers: ${JSON.stringify(operand)} is none`;
    }
    return undefined;
  };

  return conditions(uid, filters, []);
}

/** What a relation, or `id`, is compared by: the related row's id (the engine passes it to the database uncast). */
const ID = 'id';
const isId = (value: unknown): boolean => value === null || ((typeof value === 'number' || /^\d+$/.test(String(value))) && isInteger(value));

/** A value an `integer` column (and an id) takes: PostgreSQL's integer is 32 bits, and refuses a fraction. */
const isInteger = (value: unknown): boolean => {
  if (value === null) return true;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= -(2 ** 31) && number < 2 ** 31;
};

const TEXT_OPERATORS = new Set(['contains', 'notContains', 'startsWith', 'endsWith']);
/** The operators that cast the column to text first: the only comparisons a JSON column (blocks, json) takes. */
const CAST_OPERATORS = ['eqi', 'nei', 'containsi', 'notContainsi', 'startsWithi', 'endsWithi'];
const JSON_TYPES = new Set(['json', 'blocks']);
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration', 'password']);

/** Strapi's filter operators, by the name GraphQL gives them (REST adds the `$`). */
const OPERATOR_NAMES = new Set([
  'and', 'or', 'not', 'eq', 'eqi', 'ne', 'nei', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'between', 'contains', 'notContains',
  'containsi', 'notContainsi', 'startsWith', 'startsWithi', 'endsWith', 'endsWithi', 'null', 'notNull',
]);
