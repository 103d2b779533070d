'use strict';
const { spawn } = require('node:child_process');

/**
 * Runs a command to completion, streaming its output, and rejects with its exit code on failure.
 * `onLine` sees each output line (used to show build progress).
 */
function run(command, args, options = {}) {
  const { onLine, quiet, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: onLine || quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      ...spawnOptions,
    });
    let tail = '';
    const collect = (chunk) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      if (onLine) text.split(/\r?\n/).filter(Boolean).forEach(onLine);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else {
        const error = new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}\n${tail}`);
        error.exitCode = code ?? 1;
        reject(error);
      }
    });
  });
}

module.exports = { run };
