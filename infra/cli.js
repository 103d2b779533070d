'use strict';
// `npm run cli -- <command>` (and `npm run rebuild`, `npm run simulate`): build, then run an operator command
// against the servers `npm run dev` starts, unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere.
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { run } = require('./lib/run');

main(async () => {
  await ensureNodeModules();
  await require('./build').build();
  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || `postgres://ocop:ocop@127.0.0.1:${process.env.PG_PORT || 54329}/ocop_flow`,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || `127.0.0.1:${process.env.TEMPORAL_PORT || 7233}`,
  };
  await run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...process.argv.slice(2)], { cwd: ROOT, env });
});
