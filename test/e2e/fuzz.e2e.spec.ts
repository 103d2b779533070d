import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startOwnStack, type OwnStack } from '../support/own-api';

// Schemathesis (PyPI, in a cached venv: infra/toolchain/schemathesis.js) generates requests from the OpenAPI
// document, as an admin and as a producer, for a bounded number of examples per operation: no answer may be a
// server error, break its documented schema, or carry a status the document does not list. It runs against a stack
// of its own (database, Temporal dev server, worker, API): the requests it makes — cycles opened and moved, sessions
// closed — must not reach the other end-to-end suites. The seed is printed; OCOP_FUZZ_SEED=<seed> replays a run.

const { ensureSchemathesis } = require('../../infra/toolchain/schemathesis') as { ensureSchemathesis: () => Promise<string> };

const EXAMPLES_PER_OPERATION = Number(process.env.OCOP_FUZZ_EXAMPLES ?? 10);
const CHECKS = 'not_a_server_error,status_code_conformance,response_schema_conformance';
const SEED = process.env.OCOP_FUZZ_SEED ? Number(process.env.OCOP_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Runs in `cwd` (the run's report directory), where schemathesis and hypothesis keep their caches. */
function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The counts in a JUnit report schemathesis wrote. */
function junitTotals(dir: string): { tests: number; failures: number; errors: number } {
  const file = readdirSync(dir).find((name) => name.endsWith('.xml'));
  if (!file) throw new Error(`no JUnit report in ${dir}`);
  const xml = readFileSync(path.join(dir, file), 'utf8');
  const suite = /<testsuites?\b[^>]*>/.exec(xml)?.[0] ?? '';
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? NaN);
  return { tests: count('tests'), failures: count('failures'), errors: count('errors') };
}

describe(`Fuzzing the API with schemathesis (seed ${SEED}, ${EXAMPLES_PER_OPERATION} examples per operation)`, () => {
  jest.setTimeout(600_000);
  let stack: OwnStack;
  let api: string;
  let schemathesis: string;
  const tokens: Record<string, string> = {};
  const reports = mkdtempSync(path.join(tmpdir(), 'ocop-fuzz-'));

  beforeAll(async () => {
    console.log(`schemathesis seed ${SEED} — replay with OCOP_FUZZ_SEED=${SEED}`);
    [schemathesis, stack] = await Promise.all([ensureSchemathesis(), startOwnStack({ ownTemporal: true, worker: true })]);
    api = (await stack.startApi()).url;
    // Both tokens first: the fuzzer's failed logins slow those accounts down for a while.
    for (const username of ['admin', 'htx.bacha']) {
      const response = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'ocop-demo-2021' }),
      });
      tokens[username] = ((await response.json()) as { accessToken: string }).accessToken;
    }
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(reports, { recursive: true, force: true });
  });

  it.each([
    ['an admin', 'admin'],
    ['a producer', 'htx.bacha'],
  ])('as %s: no server error, no response off its schema, no undocumented status', async (_who, username) => {
    const dir = path.join(reports, username);
    mkdirSync(dir, { recursive: true });
    const { code, output } = await run(
      schemathesis,
      [
        'run',
        `${api}/docs/openapi.json`,
        '--header',
        `Authorization: Bearer ${tokens[username]}`,
        '--checks',
        CHECKS,
        '--max-examples',
        String(EXAMPLES_PER_OPERATION),
        '--seed',
        String(SEED),
        '--phases',
        'examples,coverage,fuzzing',
        // One worker: hypothesis describes strategies with ast.parse, which Python 3.11 before 3.11.9 cannot run on two
        // threads at once ("SystemError: AST constructor recursion depth mismatch", a Runtime Error of the fuzzer's own).
        '--workers',
        '1',
        '--request-timeout',
        '30',
        '--report',
        'junit',
        '--report-dir',
        dir,
      ],
      dir,
    );
    // Its banners ("==== 4 warnings in 30s ====") read like a pytest run's closing line to a log reader: unframed.
    const summary = output.slice(output.lastIndexOf('SUMMARY') - 40).replace(/^=+ *(.*?) *=+$/gm, '-- $1 --');
    console.log(`schemathesis as ${username} (seed ${SEED}):\n${summary}`);
    const totals = junitTotals(dir);
    if (code !== 0 || totals.failures !== 0 || totals.errors !== 0) {
      throw new Error(`schemathesis as ${username} found problems (seed ${SEED}, exit ${code}):\n${output.slice(-12_000)}`);
    }
    expect(totals.tests).toBeGreaterThan(40); // every operation of the document was exercised
  });
});
