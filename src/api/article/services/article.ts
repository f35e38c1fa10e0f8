import { factories } from '@strapi/strapi';
import { reprintsOf } from '../../../fingerprints/reprints';
import { relatedArticles, type RelatedQuery } from '../../../related/service';
import type { SearchQuery } from '../../../search/query-schema';
import { searchArticles } from '../../../search/search-articles';

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
