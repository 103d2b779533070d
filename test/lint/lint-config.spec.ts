import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The lint gate (eslint.config.mjs) is a test subject itself: fixtures that break each rule must be reported,
 * and the one that keeps the rules must not. ESLint runs as `npm run lint` does, in its own process.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join('test', 'lint', 'fixtures');

interface LintResult {
  readonly filePath: string;
  readonly messages: readonly { ruleId: string | null; message: string }[];
}

async function lint(files: readonly string[]): Promise<Map<string, string[]>> {
  const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  // --no-ignore: the fixtures are ignored by the project's own run, on purpose.
  const run = promisify(execFile)(
    process.execPath,
    [eslint, '--no-ignore', '--format', 'json', ...files.map((f) => path.join(FIXTURES, f))],
    {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  // ESLint exits 1 when it reports errors; its JSON is on stdout either way.
  const stdout = await run.then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const results = JSON.parse(stdout) as LintResult[];
  return new Map(results.map((r) => [path.relative(path.join(ROOT, FIXTURES), r.filePath), r.messages.map((m) => m.ruleId ?? m.message)]));
}

describe('the lint gate', () => {
  let reported: Map<string, string[]>;
  beforeAll(async () => {
    reported = await lint([
      'workflows/imports-fs.ts',
      'workflows/imports-nest-and-activity.ts',
      'workflows/deterministic.ts',
      'workflows/long-procedure.ts',
      'floating-promise.ts',
      'non-exhaustive-switch.ts',
    ]);
  }, 120_000);

  it('refuses a Node built-in in workflow code', () => {
    expect(reported.get('workflows/imports-fs.ts')).toEqual(['no-restricted-imports']);
  });

  it('refuses the framework and the activity context in workflow code', () => {
    expect(reported.get('workflows/imports-nest-and-activity.ts')).toEqual(['no-restricted-imports', 'no-restricted-imports']);
  });

  it('lets workflow code import the workflow SDK', () => {
    expect(reported.get('workflows/deterministic.ts')).toEqual([]);
  });

  it('refuses a workflow function over 200 lines', () => {
    expect(reported.get('workflows/long-procedure.ts')).toEqual(['max-lines-per-function']);
  });

  it('refuses a floating promise', () => {
    expect(reported.get('floating-promise.ts')).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('refuses a switch that forgets a member of its union', () => {
    expect(reported.get('non-exhaustive-switch.ts')).toEqual(['@typescript-eslint/switch-exhaustiveness-check']);
  });
});

describe('the import-cycle gate', () => {
  const { importCycles } = require('../../infra/import-cycles') as { importCycles: (root: string) => string[][] };

  it('finds a cycle of type-only imports, and only the files in it', () => {
    expect(importCycles(path.join(ROOT, FIXTURES, 'cycle'))).toEqual([[path.join('libs', 'calendar.ts'), path.join('libs', 'stages.ts')]]);
  });

  it('finds none in the project', () => {
    expect(importCycles(ROOT)).toEqual([]);
  });
});
