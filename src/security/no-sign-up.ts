import type { Core } from '@strapi/strapi';

/**
 * Who authenticates here: admin users (the admin panel) and API tokens (back ends). The
 * users-permissions plugin is kept for its Public role only, so its end-user account flows are
 * closed. Over REST the Public role holds none of their permissions (public-permissions.ts); over
 * GraphQL the plugin marks these operations `auth: false`, which skips permissions, so they are
 * left out of the served schema altogether (graphql/public-schema.ts).
 */
export const ACCOUNT_OPERATIONS: ReadonlySet<string> = new Set(['me', 'register', 'login', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'changePassword']);

/** `allow_register` defaults to true in the plugin's store: set it false at every boot. */
export async function disableRegistration(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get({})) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false || advanced.email_confirmation !== false) {
    await store.set({ value: { ...advanced, allow_register: false, email_confirmation: false } });
  }
}
