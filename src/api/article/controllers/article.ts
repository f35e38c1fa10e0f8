import { factories } from '@strapi/strapi';
import { parseRelatedQuery } from '../../../related/query-schema';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  /** GET /articles/:idOrSlug/related */
  async related(ctx) {
    const query = parseRelatedQuery(ctx.query);
    return strapi.service('api::article.article').related(ctx.params.idOrSlug, query);
  },
}));
