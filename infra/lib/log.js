'use strict';
// Small console helpers shared by the infra scripts (they run before `npm install`, so Node built-ins only).

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');

function step(message) {
  console.log(`${bold('›')} ${message}`);
}

function ok(message) {
  console.log(`${green('✓')} ${message}`);
}

function warn(message) {
  console.warn(`${yellow('!')} ${message}`);
}

function fail(message) {
  console.error(`${red('✗')} ${message}`);
}

/** Prints a heartbeat line every few seconds while a long task runs, so nobody thinks it hung. */
function heartbeat(label, everyMs = 10_000) {
  const started = Date.now();
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(dim(`  … ${label} (${seconds}s)`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function seconds(sinceMs) {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)}s`;
}

module.exports = { bold, dim, green, red, yellow, step, ok, warn, fail, heartbeat, seconds };
