import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARCHIVE_NAME } from '../../../core/attribution';
import { blocksToParagraphs } from '../../../core/body';
import { jsonLdText, newsArticleJsonLd, type ArticleForJsonLd } from '../../../core/news-article-jsonld';
import { resolveArticle } from '../../../db/articles';
import { ARTICLE } from '../../../db/uids';
import { articleKeyTerms } from '../../../related/read';
import { publicUrl } from '../../../security/safe-urls';
import { refuseWithheld } from '../../../takedown/http';

const POPULATE = { contributors: true, category: true, source: true, reprintedFrom: true } as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /articles/:idOrSlug/jsonld */
  async findOne(ctx) {
    const { idOrSlug } = ctx.params;
    if (await refuseWithheld(strapi, ctx, idOrSlug)) return;
    const found = await resolveArticle(strapi, idOrSlug);
    const article = found && (await strapi.documents(ARTICLE).findOne({ documentId: found.documentId, status: 'published', populate: POPULATE }));
    if (!article) throw new errors.NotFoundError(`No published article has the id or slug "${idOrSlug}"`);
    const prefix: string = strapi.config.get('api.rest.prefix', '/api');
    // A string body: Koa sends it as given, with the escapes jsonLdText wrote.
    ctx.type = 'application/ld+json';
    ctx.body = jsonLdText(
      newsArticleJsonLd({ ...(article as unknown as ArticleForJsonLd), paragraphs: blocksToParagraphs(article.body) }, {
        archivedAt: `${publicUrl(strapi)}${prefix}/articles/${article.documentId}`,
        archive: { name: ARCHIVE_NAME, homepage: publicUrl(strapi) },
        keywords: await articleKeyTerms(strapi, article.documentId),
      }),
    );
  },
});
