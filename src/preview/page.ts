/**
 * GET /preview/articles/:documentId — the article as its snapshot page (core/snapshot-html.ts),
 * from its draft or its published version, for the content manager's Preview panel. Only with a
 * signed address (signing.ts); never cached; framed by the admin of the same origin only.
 */
import type { Core } from '@strapi/strapi';
import { recordOfStoredArticle } from '../core/article-input';
import { escapeHtml, renderSnapshotHtml } from '../core/snapshot-html';
import { ARTICLE } from '../db/uids';
import { SIGNED_PREVIEW } from '../security/published-only';
import { STORED_ARTICLE_POPULATE } from '../import/export-article';
import { checkPreview, PREVIEW_PATH } from './signing';

const BANNER = { draft: '预览 · 草稿 (preview of the draft)', published: '预览 · 已发布 (preview of the published version)' };

function answer(ctx: any, status: number, html: string) {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.body = html;
}

const problemPage = (message: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head><body><p>${escapeHtml(message)}</p></body></html>`;

export function registerPreviewRoute(strapi: Core.Strapi): void {
  strapi.server.routes([
    {
      method: 'GET',
      path: `${PREVIEW_PATH}/:documentId`,
      config: { auth: false },
      async handler(ctx: any) {
        const { documentId } = ctx.params;
        const check = checkPreview(strapi.config.get('admin.auth.secret'), documentId, ctx.query);
        if ('problem' in check) return answer(ctx, 403, problemPage(check.problem));
        ctx.state[SIGNED_PREVIEW] = true;
        const article = await strapi.documents(ARTICLE).findOne({ documentId, status: check.status, populate: STORED_ARTICLE_POPULATE as any });
        if (!article) return answer(ctx, 404, problemPage(`This article has no ${check.status} version yet`));
        return answer(ctx, 200, renderSnapshotHtml(recordOfStoredArticle(article as any), { banner: BANNER[check.status] }));
      },
    },
  ] as any);
}
