/**
 * Every row the app's own writes left in the database, with what differs between two equal
 * imports made equal: row ids and document ids replaced by stable names (an article by its slug
 * and version, a category or source by its name, a link by its article and position), times
 * taken during the run replaced by a token. Two imports that store the same archive give equal
 * snapshots; one extra, missing or different row or column shows up in a Jest diff.
 */
import type { Core } from '@strapi/strapi';

/** Strapi's own bookkeeping (admin users, permissions, migrations, locales), not the archive. */
const SYSTEM_TABLE = /^(strapi_|admin_|up_|i18n_locale$|files|upload_|sqlite_)/;

type Row = Record<string, unknown>;

const millis = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : parsed;
};

async function tableNames(app: Core.Strapi): Promise<string[]> {
  const knex = app.db.connection;
  if (app.db.dialect.client === 'sqlite') {
    const rows: Row[] = await knex.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table'");
    // An FTS5 table is read and emptied through itself; its shadow tables refuse direct writes.
    const virtual = rows.filter((row) => /^CREATE VIRTUAL TABLE/i.test(String(row.sql))).map((row) => String(row.name));
    const shadow = new Set(virtual.flatMap((name) => ['data', 'idx', 'content', 'docsize', 'config'].map((suffix) => `${name}_${suffix}`)));
    return rows.map((row) => String(row.name)).filter((name) => !shadow.has(name));
  }
  return (await knex.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()")).rows.map((row: Row) => String(row.name));
}

export interface StorageSnapshot {
  /** Table → its rows, normalised and sorted. */
  tables: Record<string, Row[]>;
  /** Per article version: how its times relate (the tokens hide the values). */
  articleTimes: Record<string, string>;
}

/** The archive's tables as rows, normalised. `since`/`until`: the run's time window. */
export async function storageSnapshot(app: Core.Strapi, since: number, until: number): Promise<StorageSnapshot> {
  const knex = app.db.connection;
  const names = (await tableNames(app)).filter((name) => !SYSTEM_TABLE.test(name)).sort();
  const rowsOf: Record<string, Row[]> = {};
  for (const name of names) rowsOf[name] = await knex(name).select();

  const articleRows = rowsOf.articles ?? [];
  const slugOfDocument = new Map(articleRows.map((row) => [String(row.document_id), String(row.slug)]));
  const articleLabel = new Map(articleRows.map((row) => [row.id, `${row.slug}#${row.published_at === null ? 'draft' : 'published'}`]));
  const nameOf = (table: string) => new Map((rowsOf[table] ?? []).map((row) => [row.id, String(row.name)]));
  const categories = nameOf('categories');
  const sources = nameOf('sources');
  const documentNames = new Map<string, string>([
    ...slugOfDocument,
    ...(rowsOf.categories ?? []).map((row): [string, string] => [String(row.document_id), `category:${row.name}`]),
    ...(rowsOf.sources ?? []).map((row): [string, string] => [String(row.document_id), `source:${row.name}`]),
  ]);
  // A link is named by its article (the draft row's join) and its position.
  const linkOwner = new Map<unknown, string>();
  for (const join of rowsOf.related_links_article_lnk ?? []) {
    const label = articleLabel.get(join.article_id);
    if (label?.endsWith('#draft')) linkOwner.set(join.related_link_id, label.replace(/#draft$/, ''));
  }
  const links = new Map((rowsOf.related_links ?? []).map((row) => [row.id, `${linkOwner.get(row.id) ?? '?'}/link${row.position}`]));
  for (const row of rowsOf.related_links ?? []) documentNames.set(String(row.document_id), links.get(row.id)!);
  const duringTheRun = (time: number | null) => (time !== null && time >= since && time <= until ? 'during the run' : time);
  // A capture is named by its article and its time; a revisit points at one by row id.
  const captures = new Map(
    (rowsOf.captures ?? []).map((row) => [row.id, `capture:${slugOfDocument.get(String(row.article_document_id))}@${duringTheRun(millis(row.snapshot_at))}`]),
  );
  for (const row of rowsOf.captures ?? []) documentNames.set(String(row.document_id), captures.get(row.id)!);
  // A component copy is named by the version that owns it, its field and its order.
  const components = new Map<unknown, string>();
  for (const join of rowsOf.articles_cmps ?? []) components.set(join.cmp_id, `${articleLabel.get(join.entity_id)}/${join.field}${join.order}`);

  const byColumn: Record<string, Map<unknown, string>> = {
    article_id: articleLabel,
    entity_id: articleLabel,
    category_id: categories,
    source_id: sources,
    related_link_id: links,
    cmp_id: components,
    revisit_of: captures,
  };
  const idNames: Record<string, Map<unknown, string>> = {
    articles: articleLabel,
    categories,
    sources,
    related_links: links,
    components_article_contributors: components,
    captures,
  };

  const tables: Record<string, Row[]> = {};
  for (const name of names) {
    const normalised = rowsOf[name].map((row) => {
      const out: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (column === 'id') {
          // A join row's own id says nothing; an entity's id is named.
          if (idNames[name]) out.id = idNames[name].get(value) ?? `unnamed id ${value}`;
          continue;
        }
        // The related index digests an article's text with the epoch number it was weighed in,
        // and how many epochs an import took depends on its batching: compared through `check`.
        if (name === 'related_index_documents' && column === 'fingerprint') continue;
        if (name === 'related_index_state' && column === 'value' && row.name === 'epoch') {
          out[column] = { ...JSON.parse(String(value)), number: 'epoch-dependent' };
          continue;
        }
        if (byColumn[column]) out[column] = byColumn[column].get(value) ?? `unknown ${column} ${value}`;
        else if (column === 'document_id' || column.endsWith('_document_id')) out[column] = documentNames.get(String(value)) ?? `unknown document ${value}`;
        else if (column.endsWith('_at')) {
          out[column] = duringTheRun(millis(value));
        } else if (typeof value === 'string' && /^[\[{]/.test(value) && name === 'articles') out[column] = JSON.parse(value);
        else out[column] = typeof value === 'boolean' ? Number(value) : value;
      }
      return out;
    });
    if (normalised.length > 0) tables[name] = normalised.map((row) => JSON.stringify(row)).sort().map((text) => JSON.parse(text));
  }

  const articleTimes: Record<string, string> = {};
  for (const row of articleRows) {
    const draft = articleRows.find((other) => other.document_id === row.document_id && other.published_at === null);
    const created = millis(row.created_at)!;
    const facts = [
      millis(row.updated_at) === created ? 'updated = created' : millis(row.updated_at)! > created ? 'updated after created' : 'updated BEFORE created',
      row.published_at === null ? 'draft' : millis(row.published_at)! >= created ? 'published after created' : 'published BEFORE created',
      draft && draft !== row ? (millis(draft.created_at) === created ? 'created with its draft' : 'created apart from its draft') : 'the draft',
    ];
    articleTimes[articleLabel.get(row.id)!] = facts.join(', ');
  }
  return { tables, articleTimes };
}

/**
 * Deletes every archive row and restarts the row ids, so the same app can import the same pages
 * again another way and give its rows the same ids (a related-index fingerprint hashes a category id).
 */
export async function emptyArchive(app: Core.Strapi): Promise<void> {
  const knex = app.db.connection;
  const names = (await tableNames(app)).filter((name) => !SYSTEM_TABLE.test(name));
  if (app.db.dialect.client === 'postgres') {
    await knex.raw(`TRUNCATE ${names.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  // Join tables first: their foreign keys point at the entity tables.
  const ordered = [...names.filter((name) => /_lnk$|_cmps$/.test(name)), ...names.filter((name) => !/_lnk$|_cmps$/.test(name))];
  for (const name of ordered) await knex(name).delete();
  await knex('sqlite_sequence').whereIn('name', names).delete();
}
