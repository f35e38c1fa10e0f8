#!/usr/bin/env node
/**
 * A second app process writing articles through the Document Service, as another instance (or an
 * admin) would, against the database the test booted (its settings come through the environment):
 *
 *   node tests/helpers/index-writer.js <seed> <operations> <documentId>...
 *
 * Each operation, chosen by a seeded generator, edits and republishes one of the given articles
 * with another synthetic text, unpublishes or republishes one, or creates a new published one.
 * Prints how many operations of each kind it did, as JSON.
 */
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '../..');
const { withApp } = require(path.join(APP_DIR, 'dist/src/cli/app.js'));
const { syntheticRecord } = require(path.join(APP_DIR, 'dist/src/bench/synthetic-pages.js'));
const { paragraphsToBlocks } = require(path.join(APP_DIR, 'dist/src/core/body.js'));

const ARTICLE = 'api::article.article';
const [seedArg, operationsArg, ...documentIds] = process.argv.slice(2);
let seed = Number(seedArg);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const done = { edited: 0, unpublished: 0, published: 0, created: 0 };

withApp(async (strapi) => {
  const articles = strapi.documents(ARTICLE);
  for (let k = 0; k < Number(operationsArg); k += 1) {
    const documentId = documentIds[Math.floor(random() * documentIds.length)];
    const record = syntheticRecord(Math.floor(random() * 500), 500);
    const r = random();
    if (r < 0.55) {
      await articles.update({ documentId, data: { body: paragraphsToBlocks(record.paragraphs) }, status: 'published' });
      done.edited += 1;
    } else if (r < 0.7) {
      await articles.unpublish({ documentId });
      done.unpublished += 1;
    } else if (r < 0.85) {
      await articles.publish({ documentId });
      done.published += 1;
    } else {
      await articles.create({ data: { title: `${record.title} ${seedArg}-${k}`, body: paragraphsToBlocks(record.paragraphs), sourcePublishedAt: record.sourcePublishedAt }, status: 'published' });
      done.created += 1;
    }
  }
  return done;
}).then(
  (done) => {
    process.stdout.write(`${JSON.stringify(done)}\n`);
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
