import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::takedown.takedown');
