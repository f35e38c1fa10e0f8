import { assertRealSecrets, placeholderSecrets } from '../../src/security/secrets';

const REAL = {
  APP_KEYS: 'a2V5MQ==,a2V5Mg==',
  API_TOKEN_SALT: 'c2FsdA==',
  ADMIN_JWT_SECRET: 'YWRtaW4=',
  TRANSFER_TOKEN_SALT: 'dHJhbnNmZXI=',
  JWT_SECRET: 'and0',
  ENCRYPTION_KEY: 'ZW5j',
};

test('real secrets pass', () => {
  expect(placeholderSecrets(REAL)).toEqual([]);
});

test('the .env.example placeholders are named, each once', () => {
  expect(placeholderSecrets({ ...REAL, APP_KEYS: 'toBeModified1,toBeModified2', JWT_SECRET: 'tobemodified', ENCRYPTION_KEY: '' })).toEqual([
    'APP_KEYS',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
  ]);
});

test('the refusal says how to generate real secrets', () => {
  expect(() => assertRealSecrets({ ...REAL, ADMIN_JWT_SECRET: 'tobemodified' })).toThrow(
    'Refusing to start: ADMIN_JWT_SECRET is missing or a placeholder ("tobemodified"). Generate real values with `node scripts/ensure-env.js`',
  );
});

