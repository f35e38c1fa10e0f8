import { errors } from '@strapi/utils';
import { z } from 'zod';
import { DEFAULT_RELATED_LIMIT, MAX_RELATED_LIMIT, RELATED_KINDS, type RelatedQuery } from './service';

const LIMIT_RULE = `must be an integer from 1 to ${MAX_RELATED_LIMIT}`;

/** The options of a related-articles request, over REST (strings) and GraphQL (typed) alike; anything else is refused. */
export const relatedQuerySchema = z
  .object({
    limit: z.coerce
      .number({ invalid_type_error: LIMIT_RULE })
      .int(LIMIT_RULE)
      .min(1, LIMIT_RULE)
      .max(MAX_RELATED_LIMIT, LIMIT_RULE)
      .default(DEFAULT_RELATED_LIMIT),
    kind: z.enum(RELATED_KINDS, { errorMap: () => ({ message: `must be one of ${RELATED_KINDS.join(', ')}` }) }).default('all'),
    category: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a category slug').optional(),
  })
  .strict();

/** Reads the options or throws a ValidationError (400) naming the first bad one. */
export function parseRelatedQuery(input: unknown): RelatedQuery {
  const parsed = relatedQuerySchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data as RelatedQuery;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
  throw new errors.ValidationError(`${where}${issue.message}`.trim(), { param: issue.path.join('.') || undefined });
}
