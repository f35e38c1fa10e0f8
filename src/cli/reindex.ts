/**
 * `npm run reindex [-- --check]`: rebuilds every derived index (src/indexes) from the published
 * articles, with a progress bar; an interrupted rebuild resumes where it stopped, and re-decides
 * which articles the enforced takedowns withhold. With --check it changes nothing: it compares
 * each stored index with a rebuild and every article's `withheld_at` with the takedowns in force,
 * prints the differences, and exits with 1 when there is any.
 */
import { fingerprintIndex } from '../fingerprints';
import { DERIVED_INDEXES } from '../app/derived-indexes';
import { checkWithholding, rebuildWithholding } from '../takedown/withholding';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, withApp, runCommand } from './app';

// cli-progress ships without types.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cliProgress = require('cli-progress');

const USAGE = 'usage: npm run reindex [-- --check]';
const PLAIN_PROGRESS_EVERY_MS = 2000;

/** A bar on a terminal; otherwise a plain line at most every two seconds. */
function progress(name: string) {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: `${name} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  let lastPrinted = 0;
  return {
    update(done: number, total: number) {
      if (bar && !started) bar.start(Math.max(total, 1), 0);
      started = true;
      if (bar) return bar.update(done);
      if (Date.now() - lastPrinted >= PLAIN_PROGRESS_EVERY_MS || done === total) {
        lastPrinted = Date.now();
        process.stderr.write(`${name}: ${done}/${total}\n`);
      }
    },
    stop: () => bar?.stop(),
  };
}

async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument ${unknown[0]}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  return withApp(async (strapi) => {
    let differences = 0;
    for (const index of DERIVED_INDEXES) {
      if (check) {
        const lines = await index.check(strapi);
        for (const line of lines) process.stdout.write(`${index.name}: ${line}\n`);
        process.stdout.write(`${index.name}: ${lines.length === 0 ? 'same as a rebuild' : `${lines.length} difference(s) from a rebuild`}\n`);
        differences += lines.length;
        if (index === fingerprintIndex) {
          // Withholding re-decided without writing, at the point a rebuild re-decides it.
          const withholding = await checkWithholding(strapi);
          for (const line of withholding) process.stdout.write(`withholding: ${line}\n`);
          process.stdout.write(`withholding: ${withholding.length === 0 ? 'same as the takedowns in force' : `${withholding.length} difference(s) from the takedowns in force`}\n`);
          differences += withholding.length;
        }
      } else {
        const bar = progress(index.name);
        const started = Date.now();
        await index.rebuild(strapi, (done, total) => bar.update(done, total));
        bar.stop();
        process.stdout.write(`${index.name}: rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        if (index === fingerprintIndex) {
          // Which articles a story takedown covers is read from the fingerprints just rebuilt, and
          // the indexes after this one read the withheld_at it sets: so here, between them.
          const changed = await rebuildWithholding(strapi);
          process.stdout.write(`withholding: re-decided, ${changed.length} changed\n`);
        }
      }
    }
    if (!check && strapi.db.dialect.client === 'postgres') {
      // Tables just rewritten row by row: the planner's statistics are fresh before the first
      // reads, not whenever autovacuum gets to them (a back-fill's reads plan on empty tables).
      const started = Date.now();
      await strapi.db.connection.raw('ANALYZE');
      process.stderr.write(`statistics: analyzed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
    return differences > 0 ? EXIT_FAILED : EXIT_OK;
  });
}

runCommand(main);
