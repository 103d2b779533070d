// The gates `npm test` runs before any test (infra/lint.js): type-aware rules that catch what review misses,
// and the boundary that keeps workflow code deterministic. Zero warnings.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** What workflow code may never import: I/O, Node built-ins, the framework, the database, non-workflow SDK parts. */
const NOT_IN_WORKFLOWS = {
  paths: builtinModules.map((name) => ({ name, message: 'workflows are deterministic: no Node built-ins (do I/O in an activity)' })),
  patterns: [
    { group: ['node:*'], message: 'workflows are deterministic: no Node built-ins (do I/O in an activity)' },
    { group: ['@nestjs/*', 'typeorm', 'pg', 'pg-*'], message: 'workflows run in Temporal’s sandbox: no framework, no database' },
    {
      group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker'],
      message: 'workflows import only @temporalio/workflow (and activity types)',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'bench-results/**',
      'test/.artifacts/**',
      'test/lint/fixtures/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Prettier wraps code at 140; what it cannot wrap (long strings, URLs) may go beyond.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'test/lint/fixtures/workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', NOT_IN_WORKFLOWS],
      // A workflow reads like the procedure it models: steps and handlers live beside it, not inside it.
      'max-lines-per-function': ['error', { max: 200, skipBlankLines: true, skipComments: true }],
    },
  },
);
