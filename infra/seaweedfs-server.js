'use strict';
// Starts a real SeaweedFS (`weed server -s3`: master, volume, filer and the S3 gateway in one process) on free
// ports with its data in a directory of its own, for the S3 document driver. Used by the test set-up.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { freePort, waitForPort } = require('./lib/net');

/** Resolves once the S3 gateway answers; returns its endpoint, credentials and stop(). */
async function startSeaweedfs({ weed, dataDir, log = () => undefined }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const port = async () => freePort();
  const ports = {
    master: await port(),
    masterGrpc: await port(),
    volume: await port(),
    volumeGrpc: await port(),
    filer: await port(),
    filerGrpc: await port(),
    s3: await port(),
    s3Grpc: await port(),
    metrics: await port(),
  };
  const accessKeyId = `ocop${crypto.randomBytes(6).toString('hex')}`;
  const secretAccessKey = crypto.randomBytes(24).toString('hex');
  // One admin identity: requests must be signed with it, as against a real provider.
  const s3Config = path.join(dataDir, 's3.json');
  fs.writeFileSync(
    s3Config,
    JSON.stringify({
      identities: [
        {
          name: 'ocop',
          credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }],
          actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
        },
      ],
    }),
  );
  const args = [
    'server',
    `-dir=${dataDir}`,
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-master.port=${ports.master}`,
    `-master.port.grpc=${ports.masterGrpc}`,
    '-master.volumeSizeLimitMB=64',
    '-master.telemetry=false',
    `-volume.port=${ports.volume}`,
    `-volume.port.grpc=${ports.volumeGrpc}`,
    '-volume.max=20',
    `-filer.port=${ports.filer}`,
    `-filer.port.grpc=${ports.filerGrpc}`,
    '-s3',
    `-s3.port=${ports.s3}`,
    `-s3.port.grpc=${ports.s3Grpc}`,
    '-s3.port.iceberg=0',
    // Off like Iceberg: its fixed default port (9101) made a second test run on the machine fail at start.
    '-s3.port.lance=0',
    `-s3.config=${s3Config}`,
    `-metricsPort=${ports.metrics}`,
  ];
  const child = spawn(weed, args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const forward = (chunk) =>
    String(chunk)
      .split('\n')
      .filter(Boolean)
      .forEach((line) => {
        tail.push(line);
        if (tail.length > 60) tail.shift();
        log(`[seaweedfs] ${line}`);
      });
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  const endpoint = `http://127.0.0.1:${ports.s3}`;
  try {
    await waitForPort(ports.s3, { timeoutMs: 60_000, isAlive: () => !exited });
    await waitForS3(endpoint, () => !exited);
  } catch (error) {
    await stop();
    throw new Error(`SeaweedFS did not start: ${error.message}\n${tail.join('\n')}`);
  }
  return { endpoint, accessKeyId, secretAccessKey, region: 'us-east-1', stop };
}

/** The gateway listens before the filer behind it is ready: wait until a signed-less probe gets an S3 answer. */
async function waitForS3(endpoint, isAlive) {
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  for (;;) {
    if (!isAlive()) throw new Error(`weed exited (last: ${last})`);
    try {
      const response = await fetch(`${endpoint}/`);
      // Anonymous listing is refused by S3 semantics (403 AccessDenied) once the gateway serves requests.
      if (response.status === 403 || response.status === 200) return;
      last = `${response.status}`;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`${endpoint} did not answer as S3 (last: ${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

module.exports = { startSeaweedfs };
