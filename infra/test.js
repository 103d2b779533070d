'use strict';
// `npm test`: install what is missing (npm packages, the Temporal CLI, the Java test server), check format and lint,
// type-check, build, then run every test tier with jest. Extra arguments go to jest (e.g. `--selectProjects unit`).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { run } = require('./lib/run');
const log = require('./lib/log');

const TIERS = ['unit', 'integration', 'workflow', 'e2e', 'topology'];

function selectedTiers(args) {
  const at = args.indexOf('--selectProjects');
  if (at === -1) return TIERS;
  const chosen = [];
  for (let i = at + 1; i < args.length && !args[i].startsWith('--'); i += 1) chosen.push(args[i]);
  return TIERS.filter((tier) => chosen.includes(tier));
}

/** The arguments for jest without `--selectProjects <tiers…>` (each batch selects its own). */
function withoutTierSelection(args) {
  const at = args.indexOf('--selectProjects');
  if (at === -1) return args;
  let end = at + 1;
  while (end < args.length && TIERS.includes(args[end])) end += 1;
  return [...args.slice(0, at), ...args.slice(end)];
}

/** Adds a jest batch's results (its `--json` file) to `totals`, and removes the file. */
function countResults(file, totals) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return; // jest stopped before it wrote results: its exit code already says so
  }
  fs.rmSync(file, { force: true });
  totals.counted = true;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
}

main(async () => {
  const started = Date.now();
  const args = process.argv.slice(2);
  const tiers = selectedTiers(args);
  await ensureNodeModules();
  // The gates first: a violation fails the run before any server starts (OCOP_SKIP_LINT=1 skips them while iterating).
  if (process.env.OCOP_SKIP_LINT !== '1') await require('./lint').lint();
  if (tiers.includes('e2e') || tiers.includes('topology')) await require('./toolchain/temporal-cli').ensureTemporalCli();
  if (tiers.includes('topology')) await require('./toolchain/temporal-server').ensureTemporalServer();
  if (tiers.includes('e2e')) await require('./toolchain/schemathesis').ensureSchemathesis();
  if (tiers.includes('workflow')) await require('./toolchain/test-server').ensureTestServer();
  const build = require('./build');
  await build.typecheck();
  await build.build();
  log.step(`Running tests: ${tiers.join(', ')}`);
  // The topology tier runs a whole cluster and its faults: after the other tiers, not beside them, so neither
  // slows the other into a timeout on a 2-core machine.
  const jestArgs = withoutTierSelection(args);
  const batches = [tiers.filter((tier) => tier !== 'topology'), tiers.filter((tier) => tier === 'topology')].filter(
    (batch) => batch.length > 0,
  );
  let failure;
  const totals = { passed: 0, failed: 0, counted: false };
  try {
    for (const batch of batches) {
      const results = path.join(os.tmpdir(), `ocop-jest-${process.pid}-${batch.join('-')}.json`);
      try {
        await run(
          process.execPath,
          [
            path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
            '--maxWorkers=2',
            '--passWithNoTests',
            '--json',
            `--outputFile=${results}`,
            '--selectProjects',
            ...batch,
            ...jestArgs,
          ],
          {
            cwd: ROOT,
            env: { ...process.env, OCOP_TEST_TIERS: batch.join(',') },
          },
        );
      } catch (error) {
        failure = failure ?? error;
      } finally {
        countResults(results, totals);
      }
    }
    if (failure) throw failure;
  } finally {
    console.log(log.dim(`npm test took ${log.seconds(started)}`));
    // One plain closing line for whoever reads the log's end (CI among them): every tier's tests added up, and a
    // suite that could not run at all counted as a failure.
    if (totals.counted) console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed`);
  }
});
