/**
 * Secrets the app signs and encrypts with. `.env.example` ships `tobemodified` placeholders; an
 * app booted with them issues tokens anyone can forge, so it refuses to start instead.
 */
export const SECRET_NAMES = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;

const PLACEHOLDER = /tobemodified/i;

/** The names of the secrets that are missing or still a placeholder. */
export function placeholderSecrets(env: Record<string, string | undefined>): string[] {
  return SECRET_NAMES.filter((name) => {
    const value = env[name] ?? '';
    return value.split(',').some((part) => part.trim() === '' || PLACEHOLDER.test(part));
  });
}

export function assertRealSecrets(env: Record<string, string | undefined>): void {
  const bad = placeholderSecrets(env);
  if (bad.length === 0) return;
  throw new Error(
    `Refusing to start: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} missing or a placeholder ("tobemodified"). ` +
      'Generate real values with `node scripts/ensure-env.js` (writes a new .env when there is none), or one at a time with ' +
      '`node -e "console.log(require(\'crypto\').randomBytes(16).toString(\'base64\'))"` (APP_KEYS takes several, comma-separated).',
  );
}
