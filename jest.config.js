/**
 * Unit tests (tests/unit) run in milliseconds; integration tests (tests/integration) boot the real,
 * compiled app; browser tests (tests/e2e) drive the built admin panel in Chromium.
 */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/unit'],
      testMatch: ['**/*.test.ts'],
      transform,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/integration'],
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
    },
    {
      // One test per finding of issue 8, each with the request that showed it, against the real app.
      displayName: 'security',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/security'],
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e'],
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/tests/helpers/admin-build.ts',
    },
  ],
  testTimeout: 180000,
};
