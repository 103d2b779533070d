'use strict';
// `npm run lint`: the gates `npm test` runs before any test — Prettier's check, ESLint with type information
// (eslint.config.mjs, zero warnings), and no import cycle (infra/import-cycles.js). `--fix` lets Prettier and ESLint rewrite what they can.
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { run } = require('./lib/run');
const log = require('./lib/log');

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

async function lint({ fix = false } = {}) {
  const started = Date.now();
  log.step(fix ? 'Formatting (Prettier) and fixing lint (ESLint)' : 'Checking format (Prettier) and lint (ESLint)');
  await run(bin('prettier'), [fix ? '--write' : '--check', '--log-level', 'warn', '.'], { cwd: ROOT });
  await run(bin('eslint'), ['--max-warnings', '0', ...(fix ? ['--fix'] : []), '.'], { cwd: ROOT });
  await run(process.execPath, [path.join(__dirname, 'import-cycles.js')], { cwd: ROOT });
  log.ok(`format and lint clean in ${log.seconds(started)}`);
}

if (require.main === module) {
  main(async () => {
    await ensureNodeModules();
    await lint({ fix: process.argv.includes('--fix') });
  });
}

module.exports = { lint };
