import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseRelatedQuery } from '../../../related/read';
import { parseSearchQuery } from '../../../search/read';
import { refuseWithheld } from '../../../takedown/http';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  /** GET /articles/:id — 451 while withheld by a takedown. */
  async findOne(ctx) {
    if (await refuseWithheld(strapi, ctx, ctx.params.id)) return;
    return super.findOne(ctx);
  },

  /**
   * GET /articles/:idOrSlug/related. The service finds visible articles only, so the withheld
   * check (one more query) is only needed to tell 451 from 404 when it finds none.
   */
  async related(ctx) {
    const query = parseRelatedQuery(ctx.query);
    try {
      return await strapi.service('api::article.article').related(ctx.params.idOrSlug, query);
    } catch (error) {
      if (error instanceof errors.NotFoundError && (await refuseWithheld(strapi, ctx, ctx.params.idOrSlug))) return;
      throw error;
    }
  },

  /** GET /articles/:idOrSlug/reprints */
  async reprints(ctx) {
    if (await refuseWithheld(strapi, ctx, ctx.params.idOrSlug)) return;
    return strapi.service('api::article.article').reprints(ctx.params.idOrSlug);
  },

  /** GET /articles/search */
  async search(ctx) {
    return strapi.service('api::article.article').search(parseSearchQuery(ctx.query));
  },
}));
