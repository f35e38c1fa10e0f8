/**
 * The app for a command-line tool: loaded (database, content types, document middlewares) but
 * not listening, quiet unless something goes wrong, and destroyed once its queries are done.
 */
import type { Core } from '@strapi/strapi';
import { bootApp, shutDownApp } from '../testing/throwaway-app';

export async function withApp<T>(run: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  process.env.LOG_LEVEL ??= 'error';
  const strapi = await bootApp();
  try {
    return await run(strapi);
  } finally {
    await shutDownApp(strapi);
  }
}

/** A command's numeric option (`--name value`), or `fallback` when it is not given. */
export function numberOption(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
}

/** Thrown for bad arguments: the command prints the message and its usage, and exits with 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Runs a command's main and exits with its code; an error it throws is printed, after `prefix`, and exits with 1. */
export function runCommand(main: (args: string[]) => Promise<number>, prefix = ''): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${prefix}${error?.stack ?? error}\n`);
      process.exit(EXIT_FAILED);
    },
  );
}
