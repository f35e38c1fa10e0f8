import type { Core } from '@strapi/strapi';
import { openApiDocument } from '../../../openapi/document';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /openapi.json */
  async document(ctx) {
    ctx.body = await openApiDocument(strapi);
  },
});
