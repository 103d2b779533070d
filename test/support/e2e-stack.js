'use strict';
// The end-to-end stack: Temporal dev server (in memory, headless), migrations, the built worker and API as
// real processes on free ports. Exposes their addresses to the tests through the environment.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

async function startE2eStack({ databaseUrl, stack, log }) {
  const { freePort } = require(path.join(ROOT, 'infra', 'lib', 'net'));
  const { startTemporalDevServer } = require(path.join(ROOT, 'infra', 'temporal-server'));
  const { startApp, waitForHttp, runCli } = require(path.join(ROOT, 'infra', 'processes'));
  const { ensureTemporalCli } = require(path.join(ROOT, 'infra', 'toolchain', 'temporal-cli'));

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  const cli = await ensureTemporalCli();
  if (!temporalAddress) {
    const temporal = await startTemporalDevServer({ cli, port: await freePort(), headless: true, log: (l) => log(`[temporal] ${l}`) });
    stack.stops.unshift(temporal.stop);
    temporalAddress = temporal.address;
  }
  const apiPort = await freePort();
  // A task queue of our own, so a shared external Temporal never hands our tasks to another worker.
  const taskQueue = `ocop-e2e-${process.pid}`;
  // Every suite calls from 127.0.0.1, so the per-address brakes are opened wide here (the limits themselves are
  // tested on a stack of their own: test/e2e/brakes-and-outages.e2e.spec.ts); per-account throttling stays as it is.
  const brakes = { LOGIN_ADDRESS_DELAY_AFTER: '100000', CERTIFICATE_CHECKS_PER_MINUTE: '100000' };
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PORT: String(apiPort),
    NODE_ENV: 'test',
    METRICS_PORT: String(await freePort()),
    ...brakes,
    ...documentsEnv(),
  };
  await runCli(['migrate'], env);
  await runCli(['seed-demo'], env);
  const output = [];
  // Every line the worker and the API write, for the tests that check what the logs hold (and never hold).
  const logFile = path.join(require('node:os').tmpdir(), `ocop-e2e-apps-${process.pid}.log`);
  const fs = require('node:fs');
  fs.writeFileSync(logFile, '');
  stack.stops.push(async () => fs.rmSync(logFile, { force: true }));
  const remember = (line) => {
    output.push(line);
    if (output.length > 200) output.shift();
    fs.appendFileSync(logFile, `${line}\n`);
    log(line);
  };
  const worker = startApp('worker', env, { log: remember });
  const api = startApp('api', env, { log: remember });
  stack.stops.unshift(worker.stop, api.stop);
  try {
    await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { isAlive: api.isAlive, timeoutMs: 90_000 });
  } catch (error) {
    throw new Error(`${error.message}\n${output.join('\n')}`);
  }
  Object.assign(process.env, {
    OCOP_E2E_API_URL: `http://127.0.0.1:${apiPort}`,
    OCOP_E2E_DATABASE_URL: databaseUrl,
    OCOP_E2E_TEMPORAL_ADDRESS: temporalAddress,
    OCOP_E2E_TASK_QUEUE: taskQueue,
    OCOP_TEMPORAL_CLI: cli,
    OCOP_E2E_APPS_LOG: logFile,
    OCOP_E2E_WORKER_METRICS_URL: `http://127.0.0.1:${env.METRICS_PORT}/metrics`,
    ...(env.DOCUMENTS_S3_BUCKET ? { OCOP_E2E_DOCUMENTS_BUCKET: env.DOCUMENTS_S3_BUCKET } : {}),
  });
}

/** The API stores documents in the run's SeaweedFS (global set-up started it), in a bucket of the run's own. */
function documentsEnv() {
  if (!process.env.OCOP_TEST_S3_ENDPOINT) return {};
  return {
    DOCUMENTS_S3_BUCKET: `ocop-e2e-${process.pid}`,
    DOCUMENTS_S3_ENDPOINT: process.env.OCOP_TEST_S3_ENDPOINT,
    DOCUMENTS_S3_REGION: process.env.OCOP_TEST_S3_REGION,
    DOCUMENTS_S3_ACCESS_KEY_ID: process.env.OCOP_TEST_S3_ACCESS_KEY_ID,
    DOCUMENTS_S3_SECRET_ACCESS_KEY: process.env.OCOP_TEST_S3_SECRET_ACCESS_KEY,
    DOCUMENTS_MAX_FILE_MB: '2',
    DOCUMENTS_MAX_DOSSIER_MB: '5',
  };
}

module.exports = { startE2eStack };
