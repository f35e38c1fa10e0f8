import { factories } from '@strapi/strapi';
import { reprintsOf } from '../../../fingerprints/read';
import { relatedArticles, type RelatedQuery } from '../../../related/read';
import type { SearchQuery } from '../../../search/read';
import { searchArticles } from '../../../search/read';

export default factories.createCoreService('api::article.article', ({ strapi }) => ({
  /** Curated and computed related articles of a published article (REST and GraphQL). */
  related(idOrSlug: string, query: RelatedQuery) {
    return relatedArticles(strapi, idOrSlug, query);
  },

  /** Ranked search over published articles, with snippets (REST and GraphQL). */
  search(query: SearchQuery) {
    return searchArticles(strapi, query);
  },

  /** The other published copies of the article's story (REST and GraphQL). */
  reprints(idOrSlug: string) {
    return reprintsOf(strapi, idOrSlug);
  },
}));
