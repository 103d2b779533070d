'use strict';
// `npm run toolchain`: make sure the Temporal CLI, the Java test server, schemathesis, SeaweedFS and the Temporal
// cluster binaries are available, and say where they are.
const { main } = require('../bootstrap');
const { ensureTemporalCli, TEMPORAL_CLI_VERSION } = require('./temporal-cli');
const { ensureTestServer, TEST_SERVER_VERSION } = require('./test-server');
const { ensureSchemathesis, SCHEMATHESIS_VERSION } = require('./schemathesis');
const { ensureTemporalServer, TEMPORAL_SERVER_VERSION } = require('./temporal-server');
const { cacheRoot } = require('./cache');
const { ensureSeaweedfs, SEAWEEDFS_VERSION } = require('./seaweedfs');

main(async () => {
  console.log(`cache:                        ${cacheRoot()}`);
  console.log(`temporal CLI (${TEMPORAL_CLI_VERSION}):        ${await ensureTemporalCli()}`);
  console.log(`time-skipping server (${TEST_SERVER_VERSION}): ${await ensureTestServer()}`);
  console.log(`schemathesis (${SCHEMATHESIS_VERSION}):        ${await ensureSchemathesis()}`);
  const cluster = await ensureTemporalServer();
  console.log(`temporal server (${TEMPORAL_SERVER_VERSION}):    ${cluster.server}`);
  console.log(`  schema tool:                ${cluster.sqlTool}`);
  console.log(`  web UI server:              ${cluster.ui}`);
  console.log(`SeaweedFS (${SEAWEEDFS_VERSION}):             ${await ensureSeaweedfs()}`);
});
