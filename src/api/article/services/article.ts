import { factories } from '@strapi/strapi';
import { relatedArticles, type RelatedQuery } from '../../../related/service';

export default factories.createCoreService('api::article.article', ({ strapi }) => ({
  /** Curated and computed related articles of a published article (REST and GraphQL). */
  related(idOrSlug: string, query: RelatedQuery) {
    return relatedArticles(strapi, idOrSlug, query);
  },
}));
