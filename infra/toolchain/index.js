'use strict';
// `npm run toolchain`: make sure the Temporal CLI, the Java test server and schemathesis are available, and say where they are.
const { main } = require('../bootstrap');
const { ensureTemporalCli, TEMPORAL_CLI_VERSION } = require('./temporal-cli');
const { ensureTestServer, TEST_SERVER_VERSION } = require('./test-server');
const { ensureSchemathesis, SCHEMATHESIS_VERSION } = require('./schemathesis');
const { cacheRoot } = require('./cache');

main(async () => {
  console.log(`cache:                        ${cacheRoot()}`);
  console.log(`temporal CLI (${TEMPORAL_CLI_VERSION}):        ${await ensureTemporalCli()}`);
  console.log(`time-skipping server (${TEST_SERVER_VERSION}): ${await ensureTestServer()}`);
  console.log(`schemathesis (${SCHEMATHESIS_VERSION}):        ${await ensureSchemathesis()}`);
});
