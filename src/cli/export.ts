/**
 * `npm run -s export -- <slug|documentId> [--at <ISO datetime>]`: prints a stored article as its
 * snapshot page, byte for byte as the page it was imported from (no trailing newline, like the
 * seed); with `--at`, the page of the capture in force at that time, as it was captured.
 */
import { toIsoUtc } from '../core/beijing-time';
import { exportArticle, exportArticleAt } from '../import/export-article';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, withApp, runCommand } from './app';

const USAGE = 'usage: npm run -s export -- <slug|documentId> [--at <ISO datetime, e.g. 2024-05-03T00:45:09Z>]';

type Parsed = { article: string; at: Date | null } | { error: string };

function parseArgs(args: string[]): Parsed {
  const rest = [...args];
  let at: Date | null = null;
  const flag = rest.indexOf('--at');
  if (flag !== -1) {
    const [, value] = rest.splice(flag, 2);
    const iso = value === undefined ? null : toIsoUtc(value);
    if (!iso) return { error: `--at wants a date and time, got "${value ?? ''}"` };
    at = new Date(iso);
  }
  if (rest.length !== 1 || rest[0].startsWith('-')) return { error: USAGE };
  return { article: rest[0], at };
}

async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n`);
    return EXIT_USAGE;
  }
  const { article, at } = parsed;
  const result = await withApp(async (strapi) => {
    if (!at) {
      const page = await exportArticle(strapi, article);
      return page === null ? { problem: 'no article' as const } : { page };
    }
    return exportArticleAt(strapi, article, at);
  });
  if ('problem' in result) {
    process.stderr.write(
      result.problem === 'no article'
        ? `no article with slug or documentId "${article}"\n`
        : `article "${article}" had not been captured yet at ${at!.toISOString()}\n`,
    );
    return EXIT_FAILED;
  }
  await new Promise<void>((resolve) => process.stdout.write(result.page, () => resolve()));
  return EXIT_OK;
}

runCommand(main);
