/**
 * The desk's admin routes, under /admin/kuaizhao (the admin's own authentication: an editor's
 * session), each checking the editor's permissions as the content manager would:
 *
 *   GET  /admin/kuaizhao/articles/:documentId/desk      read the article      → ArticleDesk
 *   POST /admin/kuaizhao/articles/:documentId/withhold  create a Takedown     { scope, requester, reason? }
 *   POST /admin/kuaizhao/articles/:documentId/restore   update its Takedowns
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { ARTICLE, TAKEDOWN } from '../db/uids';
import { articleDesk, restore, withhold, type WithholdInput } from './article-desk';

const withholdBody = z.object({
  scope: z.enum(['article', 'story'], { errorMap: () => ({ message: 'scope must be article (this copy) or story (every copy)' }) }),
  requester: z.string().trim().min(1, 'name the rights holder who asked').max(500),
  reason: z.string().trim().max(5000).nullish(),
});

function allow(ctx: any, action: string, subject: string) {
  if (!ctx.state.userAbility?.can(action, subject)) throw new errors.ForbiddenError(`Your role may not ${action.split('.').pop()} ${subject.split('.').pop()} entries`);
}

const READ = 'plugin::content-manager.explorer.read';
const CREATE = 'plugin::content-manager.explorer.create';
const UPDATE = 'plugin::content-manager.explorer.update';

export function registerDeskRoutes(strapi: Core.Strapi): void {
  const policies = ['admin::isAuthenticatedAdmin'];
  (strapi.admin.routes as Record<string, unknown>)['kuaizhao-desk'] = {
    type: 'admin',
    prefix: '/admin/kuaizhao',
    routes: [
      {
        method: 'GET',
        path: '/articles/:documentId/desk',
        config: { policies },
        async handler(ctx: any) {
          allow(ctx, READ, ARTICLE);
          ctx.body = { data: await articleDesk(strapi, ctx.params.documentId) };
        },
      },
      {
        method: 'POST',
        path: '/articles/:documentId/withhold',
        config: { policies },
        async handler(ctx: any) {
          allow(ctx, CREATE, TAKEDOWN);
          const parsed = withholdBody.safeParse(ctx.request.body ?? {});
          if (!parsed.success) throw new errors.ValidationError(parsed.error.issues.map((issue) => issue.message).join('; '));
          ctx.body = { data: await withhold(strapi, ctx.params.documentId, parsed.data as WithholdInput) };
        },
      },
      {
        method: 'POST',
        path: '/articles/:documentId/restore',
        config: { policies },
        async handler(ctx: any) {
          allow(ctx, UPDATE, TAKEDOWN);
          ctx.body = { data: await restore(strapi, ctx.params.documentId) };
        },
      },
    ],
  };
}
