import type { Core, UID } from '@strapi/strapi';
import { ARTICLE, CAPTURE, CATEGORY, RELATED_LINK, SOURCE, TAKEDOWN } from '../db/uids';

/**
 * How editors see each content type in the admin, in code so that every fresh database gets
 * it. Applied at every boot over the content manager's own defaults: this file is the source
 * of truth, so a change made by clicking lasts until the next restart.
 */

/** Field labels: English, with the term printed on the snapshot page as a hint. */
interface FieldView {
  label: string;
  description?: string;
  editable?: boolean;
  /** For relations: the target's field shown in the list and the picker. */
  mainField?: string;
  size?: number;
}

interface View {
  mainField: string;
  defaultSortBy: string;
  defaultSortOrder: 'ASC' | 'DESC';
  list: string[];
  /** Rows of the edit view, top to bottom. */
  edit: string[][];
  fields: Record<string, FieldView>;
}

const ARTICLE_VIEW: View = {
  mainField: 'title',
  defaultSortBy: 'snapshotAt',
  defaultSortOrder: 'DESC',
  list: ['title', 'category', 'source', 'sourcePublishedAt', 'snapshotAt'],
  edit: [
    // The text as the page printed it...
    ['title'],
    ['kicker'],
    ['byline'],
    ['contributors'],
    ['body'],
    ['excerpt'],
    // ...apart from where and when it came from.
    ['category', 'slug'],
    ['source', 'reprintedFrom'],
    ['capturedBy', 'originalUrl'],
    ['sourcePublishedAt', 'snapshotAt'],
    ['attribution'],
    ['relatedLinks'],
    // Set and cleared by takedowns only (takedown/withholding.ts).
    ['withheldAt'],
  ],
  fields: {
    title: { label: 'Title (标题)' },
    slug: { label: 'Slug (URL)', description: 'Pinyin of the title; kept when the title changes', size: 6 },
    kicker: { label: 'Kicker (引题)', description: 'The line printed above the headline' },
    byline: { label: 'Byline (署名)', description: 'As printed, e.g. 南方日报讯 (记者/李霭莹 通讯员/肖艳霞)' },
    contributors: { label: 'Contributors (记者 / 通讯员 / 编辑)', description: 'Read from the byline when left empty' },
    body: { label: 'Body (正文)', description: 'One paragraph per block' },
    excerpt: { label: 'Excerpt (摘要)', description: 'Taken from the first paragraph when left empty' },
    category: { label: 'Category (类别)', mainField: 'name', size: 6 },
    source: { label: 'Source (来源)', description: 'The aggregator that carried the article', mainField: 'name', size: 6 },
    reprintedFrom: { label: 'Reprinted from (本文转自)', description: 'The outlet that wrote it', mainField: 'name', size: 6 },
    capturedBy: { label: 'Captured by (爬虫)', description: 'The crawler that took the snapshot', mainField: 'name', size: 6 },
    originalUrl: { label: 'Original URL (信息原文地址)', size: 6 },
    sourcePublishedAt: { label: 'Published at source (发布时间)', description: 'Beijing time on the page', size: 6 },
    snapshotAt: { label: 'Snapshot time (快照生成时间)', description: 'Stamped at creation; never changed by an edit', size: 6 },
    attribution: { label: 'Attribution (声明)', description: "Rendered from the crawler's template when left empty" },
    relatedLinks: { label: 'Related links (相关资讯)', mainField: 'title' },
    contentHash: { label: 'Content hash', editable: false },
    withheldAt: {
      label: 'Withheld since (侵权删除)',
      description: 'Hidden from the public by a takedown while set; change the takedown to restore it',
      editable: false,
      size: 6,
    },
  },
};

const SOURCE_VIEW: View = {
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  list: ['name', 'kind', 'slug', 'homepage'],
  edit: [['name', 'kind'], ['slug', 'homepage'], ['attributionTemplate']],
  fields: {
    name: { label: 'Name (名称)', size: 6 },
    kind: { label: 'Kind', description: 'outlet (本文转自), aggregator (来源) or crawler (爬虫)', size: 6 },
    slug: { label: 'Slug', size: 6 },
    homepage: { label: 'Homepage', size: 6 },
    attributionTemplate: { label: 'Attribution template', description: 'For crawlers: {crawler} stands for the name' },
  },
};

const CATEGORY_VIEW: View = {
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  list: ['name', 'slug', 'description'],
  edit: [['name', 'slug'], ['description']],
  fields: {
    name: { label: 'Name (类别)', size: 6 },
    slug: { label: 'Slug', size: 6 },
    description: { label: 'Description' },
  },
};

const RELATED_LINK_VIEW: View = {
  mainField: 'title',
  defaultSortBy: 'position',
  defaultSortOrder: 'ASC',
  list: ['title', 'article', 'date', 'position'],
  edit: [['title'], ['excerpt'], ['date', 'dateText'], ['url', 'position'], ['article', 'target']],
  fields: {
    title: { label: 'Title (标题)', description: 'Some related items have none' },
    excerpt: { label: 'Excerpt', description: 'Keyword in context, opening with ...' },
    date: { label: 'Date', size: 6 },
    dateText: { label: 'Date as printed', size: 6 },
    url: { label: 'URL', size: 6 },
    position: { label: 'Position', size: 6 },
    article: { label: 'Listed on', mainField: 'title', size: 6 },
    target: { label: 'Links to', mainField: 'title', size: 6 },
  },
};

/** Read-only: captures are recorded by imports and writes (src/captures); the fields cannot be edited. */
const CAPTURE_VIEW: View = {
  mainField: 'title',
  defaultSortBy: 'snapshotAt',
  defaultSortOrder: 'DESC',
  list: ['title', 'snapshotAt', 'originalUrl', 'digest', 'revisitOf', 'via'],
  edit: [
    ['title'],
    ['snapshotAt', 'capturedBy'],
    ['originalUrl', 'canonicalUrl'],
    ['digest', 'revisitOf'],
    ['articleDocumentId', 'via'],
    ['record'],
  ],
  fields: {
    title: { label: 'Title as captured (标题)', editable: false },
    snapshotAt: { label: 'Snapshot time (快照生成时间)', editable: false, size: 6 },
    capturedBy: { label: 'Captured by (爬虫)', editable: false, size: 6 },
    originalUrl: { label: 'Original URL as written (信息原文地址)', editable: false, size: 6 },
    canonicalUrl: { label: 'Canonical URL', description: 'The key captures of one page share', editable: false, size: 6 },
    digest: { label: 'Digest', description: 'Content hash of title and body', editable: false, size: 6 },
    revisitOf: { label: 'Revisit of (id)', description: 'The earlier capture whose page this one repeats', editable: false, size: 6 },
    articleDocumentId: {
      label: 'Article (documentId)',
      description: 'Filter the list by it to see one article’s history',
      editable: false,
      size: 6,
    },
    via: { label: 'Recorded by', description: 'import, or a write over the API / admin', editable: false, size: 6 },
    record: { label: 'Page as captured', description: 'Empty on a revisit', editable: false },
  },
};

const TAKEDOWN_VIEW: View = {
  mainField: 'requester',
  defaultSortBy: 'receivedAt',
  defaultSortOrder: 'DESC',
  list: ['requester', 'article', 'scope', 'state', 'receivedAt'],
  edit: [['article', 'scope'], ['state', 'requester'], ['contact'], ['reason'], ['receivedAt', 'enforcedAt', 'restoredAt'], ['history']],
  fields: {
    article: { label: 'Article', description: 'The article the notice names', mainField: 'title', size: 6 },
    scope: { label: 'Scope', description: 'article: this copy only; story: every copy of it (reprint cluster), also later ones', size: 6 },
    state: { label: 'State', description: 'enforced withholds; restored (counter-notice) or rejected brings it back', size: 6 },
    requester: { label: 'Rights holder (权利人)', size: 6 },
    contact: { label: 'Contact (联系方式)', description: 'Never shown by the API' },
    reason: { label: 'Reason (侵权理由)' },
    receivedAt: { label: 'Received at', size: 4 },
    enforcedAt: { label: 'Enforced at', editable: false, size: 4 },
    restoredAt: { label: 'Restored at', editable: false, size: 4 },
    history: { label: 'History', description: 'Every change of state and who made it, stamped by the archive', editable: false },
  },
};

export const VIEWS: Partial<Record<UID.ContentType, View>> = {
  [ARTICLE]: ARTICLE_VIEW,
  [SOURCE]: SOURCE_VIEW,
  [CATEGORY]: CATEGORY_VIEW,
  [RELATED_LINK]: RELATED_LINK_VIEW,
  [CAPTURE]: CAPTURE_VIEW,
  [TAKEDOWN]: TAKEDOWN_VIEW,
};

const DEFAULT_SIZE = 12;

export async function applyContentManagerViews(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('content-types');
  for (const [uid, view] of Object.entries(VIEWS)) {
    const contentType = service.findContentType(uid);
    const current = await service.findConfiguration(contentType);
    const metadatas = { ...current.metadatas };
    for (const [field, fieldView] of Object.entries(view.fields)) {
      const meta = metadatas[field] ?? { edit: {}, list: {} };
      metadatas[field] = {
        edit: {
          ...meta.edit,
          label: fieldView.label,
          description: fieldView.description ?? '',
          editable: fieldView.editable ?? true,
          ...(fieldView.mainField ? { mainField: fieldView.mainField } : {}),
        },
        list: {
          ...meta.list,
          label: fieldView.label,
          ...(fieldView.mainField ? { mainField: fieldView.mainField } : {}),
        },
      };
    }
    await service.updateConfiguration(contentType, {
      settings: {
        ...current.settings,
        mainField: view.mainField,
        defaultSortBy: view.defaultSortBy,
        defaultSortOrder: view.defaultSortOrder,
        filterable: true,
        searchable: true,
      },
      metadatas,
      layouts: {
        ...current.layouts,
        list: view.list,
        edit: view.edit.map((row) => row.map((name) => ({ name, size: view.fields[name]?.size ?? DEFAULT_SIZE }))),
      },
    });
  }
}

/**
 * A field's description for API documents (OpenAPI, GraphQL), in the words editors see: its
 * label, then its hint. Undefined for a field no view names.
 */
export function fieldDescription(uid: string, field: string): string | undefined {
  const view = VIEWS[uid as UID.ContentType]?.fields[field];
  if (!view) return undefined;
  return view.description ? `${view.label}: ${view.description}` : view.label;
}
