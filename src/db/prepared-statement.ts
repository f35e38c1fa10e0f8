/**
 * A read that runs on every request of a hot endpoint, as a statement prepared once. Building it
 * with knex, preparing it (SQLite) and planning it (PostgreSQL) each cost more than running it:
 * here knex compiles its text once per app, and each pooled connection prepares it once (on
 * SQLite through the connection's statement cache, config/database.ts; on PostgreSQL a named
 * statement, planned once and then reused: a generic plan as soon as PostgreSQL finds it no
 * dearer than a custom one).
 *
 * Such a read goes to the driver directly, so knex's query events (query logs, debug) miss it;
 * `preparedStatements` lists them instead (`npm run bench:related -- --explain` shows their plans).
 */
import type { Knex } from './derived-index';

type QueryBuilder = ReturnType<Knex>;

interface DriverConnection {
  query?(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
  prepare?(sql: string): { all(values: unknown[]): any[] };
}

interface KnexClient {
  dialect: string;
  acquireConnection(): Promise<DriverConnection>;
  releaseConnection(connection: DriverConnection): Promise<unknown>;
}

interface Compiled {
  text: string;
  /** Each bound value: the constant built in, or the index of the parameter it stands for. */
  bindings: Array<{ constant: unknown } | { parameter: number }>;
}

/** Stands for parameter `i` while the statement is built; no real value looks like it. */
const placeholder = (i: number) => `\u0000parameter ${i}\u0000`;
const PLACEHOLDER = /^\u0000parameter (\d+)\u0000$/;

const compiledByApp = new WeakMap<object, Map<string, Compiled>>();

/** The statements prepared so far on this app, each with its bound values for the given parameters. */
export function preparedStatements(knex: Knex): Array<{ name: string; text: string; bind(values: readonly (string | number)[]): unknown[] }> {
  return [...(compiledByApp.get(knex) ?? new Map<string, Compiled>()).entries()].map(([name, compiled]) => ({
    name,
    text: compiled.text,
    bind: (values) => bind(compiled, values),
  }));
}

const bind = (compiled: Compiled, values: readonly (string | number)[]) =>
  compiled.bindings.map((binding) => ('parameter' in binding ? values[binding.parameter] : binding.constant));

function compile(builder: QueryBuilder): Compiled {
  const { sql, bindings } = builder.toSQL().toNative();
  return {
    text: sql,
    bindings: (bindings as unknown[]).map((value) => {
      const match = typeof value === 'string' ? PLACEHOLDER.exec(value) : null;
      return match ? { parameter: Number(match[1]) } : { constant: value };
    }),
  };
}

/**
 * The rows of the statement `build` makes, with `values` (strings or numbers) as its parameters.
 * `build` is called once per app with a placeholder for each parameter, and must make the same
 * statement every time for one `name`: a name stands for one statement text.
 */
export async function runPrepared(knex: Knex, name: string, build: (...parameters: string[]) => QueryBuilder, values: readonly (string | number)[]): Promise<any[]> {
  let compiled = compiledByApp.get(knex)?.get(name);
  if (!compiled) {
    compiled = compile(build(...values.map((_, i) => placeholder(i))));
    if (!compiledByApp.has(knex)) compiledByApp.set(knex, new Map());
    compiledByApp.get(knex)!.set(name, compiled);
  }
  const bound = bind(compiled, values);

  const client = (knex as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  try {
    if (client.dialect === 'postgresql') return (await connection.query!({ name, text: compiled.text, values: bound })).rows;
    // Each SQLite connection keeps its compiled statements by text (config/database.ts).
    return connection.prepare!(compiled.text).all(bound);
  } finally {
    await client.releaseConnection(connection);
  }
}
