/**
 * `npm run -s export -- <slug|documentId> [--at <ISO datetime>]`: prints a stored article as its
 * snapshot page, byte for byte as the page it was imported from (no trailing newline, like the
 * seed); with `--at`, the page of the capture in force at that time, as it was captured.
 *
 * `npm run -s export -- <slug|documentId> --warc` (or `--all --warc`) writes the article's (or
 * every article's) captures as a WARC to standard output (captures/warc-export.ts), and what it
 * wrote and left out to standard error.
 */
import type { Core } from '@strapi/strapi';
import { toIsoUtc } from '../core/beijing-time';
import { exportWarc } from '../captures/warc-export';
import { documentIdOf, exportArticle, exportArticleAt } from '../import/export-article';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, withApp, runCommand } from './app';

const USAGE =
  'usage: npm run -s export -- <slug|documentId> [--at <ISO datetime, e.g. 2024-05-03T00:45:09Z>]\n' +
  '       npm run -s export -- <slug|documentId> --warc > article.warc.gz\n' +
  '       npm run -s export -- --all --warc > archive.warc.gz';

type Parsed = { article: string; at: Date | null } | { warc: string | 'all' } | { error: string };

const writeOut = (bytes: Uint8Array) => new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));

async function warcOf(strapi: Core.Strapi, article: string | 'all'): Promise<{ problem: string } | { summary: string }> {
  const documentId = article === 'all' ? 'all' : await documentIdOf(strapi, article);
  if (documentId === null) return { problem: `no article with slug or documentId "${article}"` };
  const counts = await exportWarc(strapi, documentId === 'all' ? 'all' : [documentId], writeOut);
  return {
    summary: `wrote ${counts.responses} response and ${counts.revisits} revisit record(s); left out ${counts.withheld} capture(s) of withheld articles and ${counts.withoutAddress} without an address`,
  };
}

function parseArgs(args: string[]): Parsed {
  const rest = [...args];
  const warc = rest.indexOf('--warc');
  if (warc !== -1) {
    rest.splice(warc, 1);
    const all = rest.indexOf('--all');
    if (all !== -1) rest.splice(all, 1);
    if (all !== -1 ? rest.length !== 0 : rest.length !== 1 || rest[0].startsWith('-')) return { error: USAGE };
    return { warc: all !== -1 ? 'all' : rest[0] };
  }
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
  if ('warc' in parsed) {
    const result = await withApp((strapi) => warcOf(strapi, parsed.warc));
    process.stderr.write('problem' in result ? `${result.problem}\n` : `${result.summary}\n`);
    return 'problem' in result ? EXIT_FAILED : EXIT_OK;
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
