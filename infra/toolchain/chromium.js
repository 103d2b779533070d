'use strict';
// Debian's Chromium for the browser tests (playwright-core drives it; `npx playwright install` cannot download
// here). Installed once per machine with apt-get when missing: as root directly, otherwise through `sudo -n`.
const fs = require('node:fs');
const { run } = require('../lib/run');
const log = require('../lib/log');

const DEFAULT_PATH = '/usr/bin/chromium';

async function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH ?? DEFAULT_PATH;
  if (fs.existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${wanted} does not exist`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const started = Date.now();
  log.step('Installing Chromium for the browser tests (apt-get install chromium, once per machine)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    const [cmd, ...args] = [...prefix, 'apt-get', 'update', '-qq'];
    await run(cmd, args, { env });
    const [cmd2, ...args2] = [...prefix, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-core'];
    await run(cmd2, args2, { env });
  } catch (error) {
    throw new Error(
      `Chromium is missing and could not be installed (${error.message}). Install it with: sudo apt-get install chromium — or set CHROMIUM_PATH.`,
    );
  }
  if (!fs.existsSync(DEFAULT_PATH)) throw new Error(`apt-get installed chromium but ${DEFAULT_PATH} is missing`);
  log.ok(`Chromium installed in ${log.seconds(started)}`);
  return DEFAULT_PATH;
}

module.exports = { ensureChromium, DEFAULT_PATH };

if (require.main === module) {
  ensureChromium().then(
    (p) => console.log(p),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
