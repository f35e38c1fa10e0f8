/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 reads them) of entries as the REST API serves them, made
 * from the content types' own attributes. Pure: models in, schemas out.
 *
 * "As served" means: `id` and `documentId` always; every other field may be left out (`fields=`,
 * relations and components only when populated); a field without `required` may be `null`; an
 * unset to-one relation is `null`, a to-many one `[]`; components carry their own `id`; private
 * attributes never appear. Entries refuse unknown properties, so a served field the document does
 * not know fails the contract test instead of passing unseen.
 */

type Json = Record<string, any>;

export interface ModelAttribute {
  type: string;
  required?: boolean;
  private?: boolean;
  enum?: readonly string[];
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
  default?: unknown;
}

export interface Model {
  uid: string;
  /** e.g. "article" for api::article.article, "contributor" for article.contributor */
  singularName?: string;
  displayName?: string;
  description?: string;
  draftAndPublish?: boolean;
  attributes: Record<string, ModelAttribute>;
  /** Attributes hidden by configuration (Strapi's privateAttributes), beside `private: true`. */
  privateAttributes?: readonly string[];
}

export const DOCUMENT_ID_SCHEMA = { type: 'string', pattern: '^[a-z0-9]{24}$', description: 'The document id: 24 lowercase letters and digits' };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const orNull = (schema: Json): Json =>
  schema.$ref ? { oneOf: [schema, { type: 'null' }] } : { ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };

/** `api::related-link.related-link` → RelatedLink; component `takedown.state-change` → TakedownStateChange. */
export function schemaName(uid: string): string {
  const words = uid.startsWith('api::') ? uid.split('.').slice(-1) : uid.split('.');
  return words
    .join('-')
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** The fields a client may name in `fields`, `sort` and filters: scalars, not relations or components. */
export function scalarFields(model: Model): string[] {
  return visibleAttributes(model)
    .filter(([, attribute]) => !['relation', 'component', 'dynamiczone', 'media'].includes(attribute.type))
    .map(([name]) => name);
}

/** Relations and components: what `populate` names. */
export function populatableFields(model: Model, known: ReadonlySet<string>): string[] {
  return visibleAttributes(model)
    .filter(([, attribute]) => (attribute.type === 'relation' && known.has(attribute.target!)) || attribute.type === 'component')
    .map(([name]) => name);
}

function visibleAttributes(model: Model): [string, ModelAttribute][] {
  const hidden = new Set(model.privateAttributes ?? []);
  return Object.entries(model.attributes).filter(([name, attribute]) => !attribute.private && !hidden.has(name));
}

const BLOCKS = {
  type: 'array',
  description: "Rich text as Strapi's blocks: one node per paragraph, heading, list…, each with its `children` text nodes",
  items: {
    type: 'object',
    properties: { type: { type: 'string' }, children: { type: 'array', items: { type: 'object' } } },
    required: ['type'],
  },
};

/** One scalar attribute's value as served; null (unless required) is added by the caller. */
function scalarSchema(attribute: ModelAttribute): Json {
  const bounds = (schema: Json): Json => {
    if (attribute.maxLength !== undefined) schema.maxLength = attribute.maxLength;
    if (attribute.minLength !== undefined) schema.minLength = attribute.minLength;
    if (attribute.min !== undefined) schema.minimum = attribute.min;
    if (attribute.max !== undefined) schema.maximum = attribute.max;
    return schema;
  };
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'password':
    case 'uid':
      return bounds({ type: 'string' });
    case 'enumeration':
      return { type: 'string', enum: [...attribute.enum!] };
    case 'integer':
      return bounds({ type: 'integer' });
    case 'biginteger':
      // Served as a string: a JavaScript number cannot hold every 64-bit integer.
      return { type: 'string', pattern: '^-?[0-9]+$' };
    case 'float':
    case 'decimal':
      return bounds({ type: 'number' });
    case 'boolean':
      return { type: 'boolean' };
    case 'datetime':
      return { type: 'string', format: 'date-time', description: 'UTC, ISO 8601' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'time':
      return { type: 'string', pattern: '^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?$' };
    case 'json':
      return { description: 'Any JSON value' };
    case 'blocks':
      return BLOCKS;
    default:
      throw new Error(`the OpenAPI document has no schema for the attribute type "${attribute.type}"`);
  }
}

/** A served value: scalars as above, relations and components as their entries. */
function attributeSchema(attribute: ModelAttribute, known: ReadonlySet<string>, describe: (name: string) => string | undefined, name: string): Json | null {
  const description = describe(name);
  const withDescription = (schema: Json): Json => (description ? { ...schema, description } : schema);
  if (attribute.type === 'relation') {
    if (!known.has(attribute.target!)) return null;
    const target = ref(schemaName(attribute.target!));
    const many = /ToMany$|^manyWay$/.test(attribute.relation ?? '');
    return withDescription(many ? { type: 'array', items: target } : orNull(target));
  }
  if (attribute.type === 'component') {
    const component = ref(schemaName(attribute.component!));
    return withDescription(attribute.repeatable ? { type: 'array', items: component } : orNull(component));
  }
  if (attribute.type === 'media' || attribute.type === 'dynamiczone') return null;
  const schema = scalarSchema(attribute);
  const value = attribute.required || attribute.type === 'json' || attribute.type === 'blocks' ? schema : orNull(schema);
  if (attribute.type === 'blocks') return withDescription({ ...value, type: ['array', 'null'] });
  return withDescription(value);
}

const TIMESTAMPS: Record<string, Json> = {
  createdAt: { type: 'string', format: 'date-time', description: 'When the entry was created (UTC)' },
  updatedAt: { type: 'string', format: 'date-time', description: 'When the entry was last changed (UTC)' },
};

/**
 * The entry schema of a content type or component. `describe` gives a field's description
 * (from the house's own wording); `known` are the content types the document covers, relations
 * to anything else (admin users) are never served to its clients.
 */
export function entrySchema(model: Model, { kind, known, describe }: { kind: 'contentType' | 'component'; known: ReadonlySet<string>; describe: (field: string) => string | undefined }): Json {
  const properties: Json = { id: { type: 'integer', description: 'The row id (documentId is the stable address)' } };
  const required = ['id'];
  if (kind === 'contentType') {
    properties.documentId = DOCUMENT_ID_SCHEMA;
    required.push('documentId');
  }
  for (const [name, attribute] of visibleAttributes(model)) {
    const schema = attributeSchema(attribute, known, describe, name);
    if (schema) properties[name] = schema;
  }
  if (kind === 'contentType') {
    Object.assign(properties, TIMESTAMPS, {
      publishedAt: model.draftAndPublish
        ? { type: ['string', 'null'], format: 'date-time', description: 'When this version was published (UTC); null on a draft' }
        : { type: ['string', 'null'], format: 'date-time', description: 'When the entry was saved (UTC): this type has no drafts' },
    });
  }
  return {
    type: 'object',
    ...(model.description || model.displayName ? { description: model.description || model.displayName } : {}),
    properties,
    required,
    additionalProperties: false,
  };
}

/** A write's `data`: scalar fields as served, relations by documentId, components without ids. */
export function inputSchema(model: Model, known: ReadonlySet<string>, { forCreate }: { forCreate: boolean }): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const [name, attribute] of visibleAttributes(model)) {
    if (attribute.type === 'relation') {
      if (!known.has(attribute.target!)) continue;
      const many = /ToMany$|^manyWay$/.test(attribute.relation ?? '');
      const ids = { type: 'array', items: { type: 'string' } };
      properties[name] = many
        ? { description: 'documentIds, or { connect, disconnect, set } of documentIds', oneOf: [ids, { type: 'object', properties: { connect: ids, disconnect: ids, set: ids } }] }
        : { description: 'A documentId, or null to unset', type: ['string', 'null'] };
    } else if (attribute.type === 'component') {
      const component = ref(`${schemaName(attribute.component!)}Input`);
      properties[name] = attribute.repeatable ? { type: 'array', items: component } : orNull(component);
    } else if (attribute.type !== 'media' && attribute.type !== 'dynamiczone') {
      const schema = scalarSchema(attribute);
      properties[name] = attribute.required ? schema : orNull(schema);
      if (attribute.required && forCreate && attribute.default === undefined && attribute.type !== 'uid') required.push(name);
    }
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}
