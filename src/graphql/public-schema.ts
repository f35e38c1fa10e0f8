/**
 * The GraphQL schema as its clients read it. Strapi builds it from every content type, the
 * plugins' included; what it builds is then shaped here, once, before Apollo serves it:
 *
 * - root fields of the plugins' types (upload files, locales, review workflows, users and roles)
 *   and users-permissions' own account mutations (login, register, `me`…) go: this archive has no
 *   end-user accounts and no media, and the Public role can use none of them. Types only they
 *   reached go with them.
 * - our types and fields get the descriptions editors read in the admin (admin-config), and root
 *   fields the Public role cannot call say that they need an API token.
 */
import type { Core } from '@strapi/strapi';
import { GraphQLObjectType, GraphQLSchema, isObjectType, type GraphQLFieldConfigMap } from 'graphql';
import { fieldDescription } from '../admin-config/content-manager';
import { ACCOUNT_OPERATIONS } from '../security/no-sign-up';
import { PUBLIC_ACTIONS } from '../security/public-permissions';


const TOKEN_ONLY = 'Needs an API token (admin → Settings → API Tokens): the Public role cannot call it.';

interface Naming {
  getTypeName(contentType: unknown): string;
  getFindQueryName(contentType: unknown): string;
  getFindOneQueryName(contentType: unknown): string;
  getEntityResponseCollectionName?(contentType: unknown): string;
}

interface ContentTypeNames {
  uid: string;
  typeName: string;
  description?: string;
  attributes: string[];
  /** Root fields made for it, with the permission action each checks. */
  rootFields: Record<string, string>;
}

/** Root field names Strapi's shadow CRUD gives a content type, with the action each checks. */
function rootFieldsOf(typeName: string, findOne: string, find: string, uid: string): Record<string, string> {
  return {
    [findOne]: `${uid}.findOne`,
    [find]: `${uid}.find`,
    [`${find}_connection`]: `${uid}.find`,
    [`create${typeName}`]: `${uid}.create`,
    [`update${typeName}`]: `${uid}.update`,
    [`delete${typeName}`]: `${uid}.delete`,
  };
}

export function contentTypeNames(strapi: Core.Strapi): ContentTypeNames[] {
  const naming: Naming = strapi.plugin('graphql').service('utils').naming;
  return Object.entries(strapi.contentTypes).map(([uid, contentType]: [string, any]) => {
    const typeName = naming.getTypeName(contentType);
    return {
      uid,
      typeName,
      description: contentType.info?.description,
      attributes: Object.keys(contentType.attributes ?? {}),
      rootFields: rootFieldsOf(typeName, naming.getFindOneQueryName(contentType), naming.getFindQueryName(contentType), uid),
    };
  });
}

function withoutFields(type: GraphQLObjectType | null | undefined, drop: (name: string) => boolean, describe: (name: string) => string | undefined) {
  if (!type) return undefined;
  const config = type.toConfig();
  const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const [name, field] of Object.entries(config.fields)) {
    if (drop(name)) continue;
    fields[name] = { ...field, description: field.description ?? describe(name) };
  }
  return new GraphQLObjectType({ ...config, fields });
}

/**
 * The served schema: `schema` without the plugins' root fields, with descriptions. Pure over its
 * inputs (the schema and the content types' names).
 */
export function shapePublicSchema(schema: GraphQLSchema, contentTypes: readonly ContentTypeNames[], publicActions: ReadonlySet<string>): GraphQLSchema {
  const ours = contentTypes.filter((contentType) => contentType.uid.startsWith('api::'));
  const pluginFields = new Set(contentTypes.filter((contentType) => !contentType.uid.startsWith('api::')).flatMap((contentType) => Object.keys(contentType.rootFields)));
  const actionOf = new Map(ours.flatMap((contentType) => Object.entries(contentType.rootFields)));
  const drop = (name: string) => ACCOUNT_OPERATIONS.has(name) || pluginFields.has(name);
  const describe = (name: string) => {
    const action = actionOf.get(name);
    return action && !publicActions.has(action) ? TOKEN_ONLY : undefined;
  };

  // Descriptions on our own types and fields: the same words as the admin's.
  for (const contentType of ours) {
    const type = schema.getType(contentType.typeName);
    if (!isObjectType(type)) continue;
    if (!type.description && contentType.description) type.description = contentType.description;
    const fields = type.getFields();
    for (const attribute of contentType.attributes) {
      for (const name of [attribute, `${attribute}_connection`]) {
        if (fields[name] && !fields[name].description) fields[name].description = fieldDescription(contentType.uid, attribute);
      }
    }
  }

  const query = withoutFields(schema.getQueryType(), drop, describe);
  const mutation = withoutFields(schema.getMutationType(), drop, describe);
  // No type listed beside the roots: what only a dropped field reached goes too.
  return new GraphQLSchema({ ...schema.toConfig(), query, mutation, types: [] });
}

/** Serves the shaped schema: wraps the GraphQL plugin's schema builder, which its bootstrap calls. */
export function registerPublicSchema(strapi: Core.Strapi): void {
  const contentApi = strapi.plugin('graphql').service('content-api');
  const build = contentApi.buildSchema.bind(contentApi);
  contentApi.buildSchema = (...args: unknown[]) => shapePublicSchema(build(...args), contentTypeNames(strapi), new Set<string>(PUBLIC_ACTIONS));
}
