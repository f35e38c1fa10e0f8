/**
 * Query parameters rewritten so that no filter, sort or populate reaches an unpublished row
 * through a relation. Strapi applies `status: 'published'` to the root of a query only: a filter
 * such as `filters[article][title][$startsWith]=秘` on a related link joins every row of the
 * target, drafts included, and so reads a draft's title one character at a time.
 *
 * Plain functions over the content-type schemas, so REST (query parameters, `$` operators) and
 * GraphQL (arguments, bare operators) share one walk. What a reachable row is comes from
 * db/visibility.ts.
 */
import { publishedRowFilter, type FilterStyle } from '../db/visibility';

export interface Attribute {
  type: string;
  target?: string;
  component?: string;
}

export interface Schema {
  attributes: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
}

export type SchemaOf = (uid: string) => Schema | undefined;

/** `$and` in REST, `and` in GraphQL arguments. */
export type OperatorStyle = FilterStyle;

/** Raised for a request the rule refuses outright (the edge maps it to a 400). */
export class RelationScopeError extends Error {}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

export const hasDraftAndPublish = (schema: Schema | undefined): boolean => schema?.options?.draftAndPublish === true;

/** The condition a row of `target` meets to be reached through a relation; published rows by default. */
export type RowScope = (target: string, style: OperatorStyle) => Plain;
const published: RowScope = (_target, style) => publishedRowFilter(style);

/**
 * `filters` with every relation step that lands on a draft-and-publish type narrowed to
 * published rows, inside the same object so that Strapi joins the target once.
 */
export function scopeFilters(schemaOf: SchemaOf, uid: string, filters: unknown, style: OperatorStyle, rowScope: RowScope = published, path = 'filters'): unknown {
  if (!isPlain(filters)) return filters;
  const schema = schemaOf(uid);
  if (!schema) return filters;
  const out: Plain = {};
  for (const [key, value] of Object.entries(filters)) {
    if (key === `${style}and` || key === `${style}or`) {
      out[key] = Array.isArray(value)
        ? value.map((item, i) => scopeFilters(schemaOf, uid, item, style, rowScope, `${path}[${key}][${i}]`))
        : scopeFilters(schemaOf, uid, value, style, rowScope, `${path}[${key}]`);
      continue;
    }
    if (key === `${style}not`) {
      out[key] = scopeFilters(schemaOf, uid, value, style, rowScope, `${path}[${key}]`);
      continue;
    }
    const attribute = schema.attributes[key];
    if (attribute?.type === 'relation' && attribute.target) {
      out[key] = scopeRelationStep(schemaOf, attribute.target, value, style, rowScope, `${path}[${key}]`);
    } else if (attribute?.type === 'component' && attribute.component) {
      out[key] = scopeFilters(schemaOf, attribute.component, value, style, rowScope, `${path}[${key}]`);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const LOGICAL = new Set(['and', 'or', 'not']);
const isTrue = (value: unknown) => value === true || value === 'true' || value === 1 || value === '1';

/**
 * One relation step of a filter. Strapi reads a relation's condition either as fields of the
 * target or as one operator on its id (`filters[article]=3`, `[article][$eq]=3`, `[$null]=true`),
 * never both; the scope adds fields, so id operators move under `id` and logical operators go
 * into an `$and` beside the scope.
 *
 * The scope is checked per joined row, and a document has two rows (draft and published): "has a
 * published row" can be asked, "has none" cannot, so `$null=true` is refused rather than answered
 * wrong.
 */
function scopeRelationStep(schemaOf: SchemaOf, target: string, value: unknown, style: OperatorStyle, rowScope: RowScope, path: string): unknown {
  const scoped = hasDraftAndPublish(schemaOf(target));
  if (!isPlain(value)) return scoped ? { id: { [`${style}eq`]: value }, ...rowScope(target, style) } : { [`${style}eq`]: value };
  if (!scoped) return scopeFilters(schemaOf, target, value, style, rowScope, path);

  const fields: Plain = {};
  const idOperators: Plain = {};
  for (const [key, operand] of Object.entries(value)) {
    const operator = style === '$' && key.startsWith('$') ? key.slice(1) : null;
    if (operator === null || LOGICAL.has(operator)) {
      fields[key] = operand;
      continue;
    }
    if ((operator === 'null' && isTrue(operand)) || (operator === 'notNull' && !isTrue(operand))) {
      throw new RelationScopeError(`${path}[${key}]=${String(operand)} is not supported: a relation can be tested for a published row ([$notNull]=true), not for the absence of one`);
    }
    if (operator === 'null' || operator === 'notNull') idOperators.$notNull = true;
    else idOperators[key] = operand;
  }
  const parts: Plain[] = [];
  if (Object.keys(fields).length > 0) parts.push(scopeFilters(schemaOf, target, fields, style, rowScope, path) as Plain);
  if (Object.keys(idOperators).length > 0) parts.push({ id: idOperators });
  parts.push(rowScope(target, style));
  const keys = parts.flatMap((part) => Object.keys(part));
  const flat = new Set(keys).size === keys.length && !keys.some((key) => LOGICAL.has(key.replace(/^\$/, '')));
  return flat ? Object.assign({}, ...parts) : { [`${style}and`]: parts };
}

/** Every sort path as a list of attribute names: `'a.b:asc'`, `['a.b']`, `{ a: { b: 'asc' } }`. */
function sortPaths(sort: unknown): string[][] {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => part.trim().split(':')[0])
      .filter(Boolean)
      .map((path) => path.split('.'));
  }
  if (Array.isArray(sort)) return sort.flatMap(sortPaths);
  if (isPlain(sort)) {
    return Object.entries(sort).flatMap(([key, value]) => (isPlain(value) ? sortPaths(value).map((path) => [key, ...path]) : [[key]]));
  }
  return [];
}

/**
 * A sort through a relation orders rows by a joined value, drafts included, and a join cannot
 * be narrowed the way a filter can: refuse it when the relation reaches a draft-and-publish type.
 */
export function checkSort(schemaOf: SchemaOf, uid: string, sort: unknown): void {
  for (const path of sortPaths(sort)) {
    let current = uid;
    for (const [i, name] of path.entries()) {
      const attribute = schemaOf(current)?.attributes[name];
      if (!attribute) break;
      if (attribute.type === 'component' && attribute.component) {
        current = attribute.component;
        continue;
      }
      if (attribute.type !== 'relation' || !attribute.target) break;
      if (hasDraftAndPublish(schemaOf(attribute.target))) {
        throw new RelationScopeError(
          `sort "${path.join('.')}" is not available: sorting through the relation "${path.slice(0, i + 1).join('.')}" is not supported`,
        );
      }
      current = attribute.target;
    }
  }
}

/** Populate entries keep their shape; filters and sorts inside them get the same rule. */
export function scopePopulate(schemaOf: SchemaOf, uid: string, populate: unknown, rowScope: RowScope = published): unknown {
  if (!isPlain(populate)) return populate;
  const schema = schemaOf(uid);
  if (!schema) return populate;
  const out: Plain = {};
  for (const [key, value] of Object.entries(populate)) {
    const attribute = schema.attributes[key];
    const target = attribute?.type === 'relation' ? attribute.target : attribute?.type === 'component' ? attribute.component : undefined;
    if (!target || !isPlain(value)) {
      out[key] = value;
      continue;
    }
    out[key] = scopeQuery(schemaOf, target, value, '$', rowScope);
  }
  return out;
}

/** `filters`, `sort` and `populate` of one query level, rewritten or refused. */
export function scopeQuery<T extends Plain>(schemaOf: SchemaOf, uid: string, query: T, style: OperatorStyle, rowScope: RowScope = published): T {
  const out: Plain = { ...query };
  if (query.filters !== undefined) out.filters = scopeFilters(schemaOf, uid, query.filters, style, rowScope);
  if (query.sort !== undefined) checkSort(schemaOf, uid, query.sort);
  if (query.populate !== undefined) out.populate = scopePopulate(schemaOf, uid, query.populate, rowScope);
  return out as T;
}
