// Five tiers, one runner: `npm test` runs them all; `npm run test:<tier>` one of them.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: {
    // Type errors are caught once by `tsc --noEmit` before jest runs (infra/test.js); ts-jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
    '^.+\\.js$': '<rootDir>/test/support/esm-to-cjs.transformer.js',
  },
  // ES-module-only packages (NestJS 12 and friends) are compiled to CommonJS for jest; see the transformer.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|load-esm|uid|@standard-schema|strtok3|token-types|@tokenizer|uint8array-extras)/)',
  ],
};

module.exports = {
  // Workflow and end-to-end tests talk to real servers; unit tests finish in milliseconds either way.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,apps,activities,workflows}/**/*.spec.ts', '<rootDir>/test/lint/**/*.spec.ts'],
    },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    // The production topology (a Temporal cluster, two workers, two APIs) under faults; it starts its own servers.
    { ...base, displayName: 'topology', testMatch: ['<rootDir>/test/topology/**/*.spec.ts'] },
  ],
};
