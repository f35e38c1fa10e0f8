import type { Core, UID } from '@strapi/strapi';
import { allocateSlug } from '../write-path/slugs';

/**
 * The admin fills a uid field from its target field as the editor types, with a slugify that
 * turns Chinese into an empty string. Route it through the archive's own slug rule, so the
 * slug an editor sees is the one any other way in would get.
 */
export function useArchiveSlugsInAdmin(strapi: Core.Strapi): void {
  const service = strapi.plugin('content-manager').service('uid');
  const stock = service.generateUIDField.bind(service);
  service.generateUIDField = async (args: { contentTypeUID: UID.ContentType; field: string; data: Record<string, unknown> }) => {
    const { contentTypeUID, field, data } = args;
    const attribute = strapi.contentTypes[contentTypeUID]?.attributes?.[field] as { targetField?: string } | undefined;
    const text = attribute?.targetField ? data?.[attribute.targetField] : undefined;
    if (field !== 'slug' || typeof text !== 'string' || !text.trim()) return stock(args);
    return allocateSlug(strapi, contentTypeUID, text, (data?.documentId as string) ?? null);
  };
}
