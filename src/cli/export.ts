/**
 * `npm run -s export -- <slug|documentId>`: prints a stored article as its snapshot page, byte for
 * byte as the page it was imported from (no trailing newline, like the seed).
 */
import { exportArticle } from '../import/export-article';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, withApp } from './app';

const USAGE = 'usage: npm run -s export -- <slug|documentId>';

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  const page = await withApp((strapi) => exportArticle(strapi, args[0]));
  if (page === null) {
    process.stderr.write(`no article with slug or documentId "${args[0]}"\n`);
    return EXIT_FAILED;
  }
  await new Promise<void>((resolve) => process.stdout.write(page, () => resolve()));
  return EXIT_OK;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(EXIT_FAILED);
  },
);
