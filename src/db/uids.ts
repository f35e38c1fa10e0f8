/**
 * The content types' uids, named once. Code outside `src/api/` names a content type through these
 * constants, so a renamed type is one edit and a typo is a compile error, not an empty result.
 */
export const ARTICLE = 'api::article.article';
export const SOURCE = 'api::source.source';
export const CATEGORY = 'api::category.category';
export const RELATED_LINK = 'api::related-link.related-link';
export const CAPTURE = 'api::capture.capture';
export const TAKEDOWN = 'api::takedown.takedown';

/** The users-permissions plugin's role and permission (the Public role's grants). */
export const ROLE = 'plugin::users-permissions.role';
export const PERMISSION = 'plugin::users-permissions.permission';


/** The attributes of each content type that hold an address: the URL rule (core/url.ts) applies to them on the way in and out. */
export const URL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [ARTICLE]: ['originalUrl'],
  [RELATED_LINK]: ['url'],
  [SOURCE]: ['homepage'],
};
