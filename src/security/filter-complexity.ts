/**
 * What a `filters` tree costs the database, counted from the content types' schemas, and the
 * most one query may ask for.
 *
 * Strapi joins a relation once per place it is named in the filters. A to-many relation
 * (`relatedLinks`, a repeatable component) multiplies the rows of the query by its rows per
 * article, and two of them by the product: `$or` over three `relatedLinks` conditions reads
 * links³ rows per article (2.4 s at 5,000 articles). One to-many join costs what reading the
 * relation's rows costs; every condition on that relation fits inside it
 * (`filters[relatedLinks][$or][0][title]…`). `$or` branches are counted too: each one is a
 * clause every row is tested against, and their values are bound parameters, which the
 * databases cap.
 *
 * Plain functions over the schemas, in REST (`$or`) and GraphQL (`or`) style, as relation-scope.ts.
 */
import { filterShapeProblem } from './filter-shape';
import type { OperatorStyle, SchemaOf } from './relation-scope';

export interface FilterLimits {
  /** To-many relations (and repeatable components) one query's filters may join. */
  toManyJoins: number;
  /** `$or` branches in one query's filters, all `$or`s together. */
  orBranches: number;
  /** Levels of nesting (`$and`, `$or`, `$not`, relations, operators). */
  depth: number;
}

export const FILTER_LIMITS: FilterLimits = { toManyJoins: 1, orBranches: 20, depth: 12 };

export interface FilterComplexity {
  /** Each to-many join, as the path that names it (`relatedLinks`, `$or.1.relatedLinks`). */
  toManyJoins: string[];
  orBranches: number;
  depth: number;
}

/** Raised for filters beyond a limit or malformed (the edge maps it to a 400, GraphQL to BAD_USER_INPUT). */
export class FilterComplexityError extends Error {}

interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The type a filter key steps into, and whether the step may match many rows per row. */
function stepOf(attribute: Attribute | undefined): { target: string | undefined; toMany: boolean } | undefined {
  if (!attribute) return undefined;
  if (attribute.type === 'relation') return { target: attribute.target, toMany: /Many$/.test(attribute.relation ?? '') };
  if (attribute.type === 'component') return { target: attribute.component, toMany: attribute.repeatable === true };
  if (attribute.type === 'dynamiczone') return { target: undefined, toMany: true };
  return undefined;
}

/** Counts the to-many joins, `$or` branches and depth of `filters` on `uid`. */
export function filterComplexity(schemaOf: SchemaOf, uid: string, filters: unknown, style: OperatorStyle): FilterComplexity {
  const complexity: FilterComplexity = { toManyJoins: [], orBranches: 0, depth: 0 };
  const walk = (current: string | undefined, value: unknown, path: string[]) => {
    complexity.depth = Math.max(complexity.depth, path.length);
    // Deeper than the limit is refused anyway: stop counting rather than recurse without end.
    if (path.length > FILTER_LIMITS.depth) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(current, item, [...path, String(i)]));
      return;
    }
    if (!isPlain(value)) return;
    const attributes = (current ? schemaOf(current)?.attributes : undefined) as Record<string, Attribute> | undefined;
    for (const [key, nested] of Object.entries(value)) {
      if (key === `${style}or`) complexity.orBranches += Array.isArray(nested) ? nested.length : 1;
      const step = stepOf(attributes?.[key]);
      if (step?.toMany) complexity.toManyJoins.push([...path, key].join('.'));
      // An operator or a scalar attribute keeps the type; a relation or component steps into its target.
      walk(step ? step.target : current, nested, [...path, key]);
    }
  };
  walk(uid, filters, []);
  return complexity;
}

/** The first limit `complexity` passes, said as a client can act on it; undefined within every limit. */
export function overLimit(complexity: FilterComplexity, style: OperatorStyle, limits: FilterLimits = FILTER_LIMITS): string | undefined {
  const joins = complexity.toManyJoins;
  if (joins.length > limits.toManyJoins) {
    const names = [...new Set(joins.map((path) => path.split('.').at(-1)))].join(', ');
    const inside = style === '$' ? 'filters[relation][$or][0][field]=…' : 'filters: { relation: { or: […] } }';
    return `filters join to-many relations ${joins.length} times (${names}); at most ${limits.toManyJoins} is allowed: put every condition on a relation inside it, as ${inside}`;
  }
  if (complexity.orBranches > limits.orBranches) {
    return `filters have ${complexity.orBranches} ${style}or branches; at most ${limits.orBranches} are allowed`;
  }
  if (complexity.depth > limits.depth) {
    return `filters nest more than ${limits.depth} levels deep; at most ${limits.depth} are allowed`;
  }
  return undefined;
}

/** What `filters` cost, and why they are refused if they are: beyond a limit, or a shape the query engine cannot build. */
export function filterProblem(
  schemaOf: SchemaOf,
  uid: string,
  filters: unknown,
  style: OperatorStyle,
  limits: FilterLimits = FILTER_LIMITS,
): { complexity: FilterComplexity; problem: string | undefined } {
  const complexity = filterComplexity(schemaOf, uid, filters, style);
  return { complexity, problem: overLimit(complexity, style, limits) ?? filterShapeProblem(schemaOf, uid, filters, style) };
}

/** `filters`, and those of every populated relation (each a query of its own), within the limits; else FilterComplexityError. */
export function checkQueryFilters(schemaOf: SchemaOf, uid: string, query: Plain, style: OperatorStyle, limits: FilterLimits = FILTER_LIMITS): void {
  if (query.filters !== undefined) {
    const problem = filterProblem(schemaOf, uid, query.filters, style, limits).problem;
    if (problem) throw new FilterComplexityError(problem);
  }
  const populate = query.populate;
  if (!isPlain(populate)) return;
  const attributes = schemaOf(uid)?.attributes as Record<string, Attribute> | undefined;
  for (const [key, nested] of Object.entries(populate)) {
    const target = stepOf(attributes?.[key])?.target;
    if (target && isPlain(nested)) checkQueryFilters(schemaOf, target, nested, style, limits);
  }
}
