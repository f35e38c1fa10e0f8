import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { newsArticleJsonLd, type ArticleForJsonLd } from '../../../core/news-article-jsonld';
import { articleKeyTerms } from '../../../related/read';
import { refuseWithheld } from '../../../takedown/http';

const POPULATE = { contributors: true, category: true, source: true, reprintedFrom: true } as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /articles/:idOrSlug/jsonld */
  async findOne(ctx) {
    const { idOrSlug } = ctx.params;
    if (await refuseWithheld(strapi, ctx, idOrSlug)) return;
    const article = await strapi.documents('api::article.article').findFirst({
      filters: { $or: [{ documentId: idOrSlug }, { slug: idOrSlug }] },
      status: 'published',
      populate: POPULATE,
    });
    if (!article) throw new errors.NotFoundError(`No published article has the id or slug "${idOrSlug}"`);
    const prefix: string = strapi.config.get('api.rest.prefix', '/api');
    // The configured public URL when there is one (behind a proxy), else the address asked.
    const origin = strapi.config.get<string>('server.url', '') || ctx.request.origin;
    ctx.body = newsArticleJsonLd(article as unknown as ArticleForJsonLd, {
      archivedAt: `${origin}${prefix}/articles/${article.documentId}`,
      keywords: await articleKeyTerms(strapi, article.documentId),
    });
    // After the body: Koa sets application/json when given an object.
    ctx.type = 'application/ld+json';
  },
});
