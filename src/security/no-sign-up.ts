import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Who authenticates here: admin users (the admin panel) and API tokens (back ends). The
 * users-permissions plugin is kept for its Public role only, so its end-user account flows are
 * closed. Over REST the Public role holds none of their permissions (public-permissions.ts); over
 * GraphQL the plugin marks these mutations `auth: false`, which skips permissions, so each is
 * refused here.
 */
const ACCOUNT_MUTATIONS = ['register', 'login', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'changePassword'] as const;

const MESSAGE = 'End-user accounts are disabled: authenticate as an admin user or with an API token';

export function closeAccountMutations(strapi: Core.Strapi): void {
  const refuse = () => {
    throw new errors.ForbiddenError(MESSAGE);
  };
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      resolversConfig: Object.fromEntries(ACCOUNT_MUTATIONS.map((name) => [`Mutation.${name}`, { middlewares: [refuse] }])),
    }));
}

/** `allow_register` defaults to true in the plugin's store: set it false at every boot. */
export async function disableRegistration(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get({})) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false || advanced.email_confirmation !== false) {
    await store.set({ value: { ...advanced, allow_register: false, email_confirmation: false } });
  }
}
