'use strict';
const os = require('node:os');
const path = require('node:path');

/** Toolchain pieces are cached outside the clone, keyed by version, so every clone on a machine shares them. */
function cacheRoot() {
  const base = process.env.OCOP_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ocop-flow');
  return base;
}

module.exports = { cacheRoot };
