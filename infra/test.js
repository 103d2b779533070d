'use strict';
// `npm test`: install what is missing (npm packages, the Temporal CLI, the Java test server), type-check,
// build, then run every test tier with jest. Extra arguments go to jest (e.g. `--selectProjects unit`).
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { run } = require('./lib/run');
const log = require('./lib/log');

const TIERS = ['unit', 'integration', 'workflow', 'e2e'];

function selectedTiers(args) {
  const at = args.indexOf('--selectProjects');
  if (at === -1) return TIERS;
  const chosen = [];
  for (let i = at + 1; i < args.length && !args[i].startsWith('--'); i += 1) chosen.push(args[i]);
  return TIERS.filter((tier) => chosen.includes(tier));
}

main(async () => {
  const started = Date.now();
  const args = process.argv.slice(2);
  const tiers = selectedTiers(args);
  await ensureNodeModules();
  if (tiers.includes('e2e')) await require('./toolchain/temporal-cli').ensureTemporalCli();
  if (tiers.includes('e2e')) await require('./toolchain/schemathesis').ensureSchemathesis();
  if (tiers.includes('workflow')) await require('./toolchain/test-server').ensureTestServer();
  const build = require('./build');
  await build.typecheck();
  await build.build();
  log.step(`Running tests: ${tiers.join(', ')}`);
  try {
    await run(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--maxWorkers=2', ...args], { cwd: ROOT, env: { ...process.env, OCOP_TEST_TIERS: tiers.join(',') } });
  } finally {
    console.log(log.dim(`npm test took ${log.seconds(started)}`));
  }
});
