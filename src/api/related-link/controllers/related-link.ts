import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::related-link.related-link');
