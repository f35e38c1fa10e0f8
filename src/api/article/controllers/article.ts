import { factories } from '@strapi/strapi';
import { parseRelatedQuery } from '../../../related/query-schema';
import { parseSearchQuery } from '../../../search/query-schema';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  /** GET /articles/:idOrSlug/related */
  async related(ctx) {
    const query = parseRelatedQuery(ctx.query);
    return strapi.service('api::article.article').related(ctx.params.idOrSlug, query);
  },

  /** GET /articles/search */
  async search(ctx) {
    return strapi.service('api::article.article').search(parseSearchQuery(ctx.query));
  },
}));
