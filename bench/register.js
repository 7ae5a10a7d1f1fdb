/**
 * A require hook for running TypeScript entry points with plain node (the benchmark, the
 * projector's process): compiles .ts with @swc/core as Jest does, and resolves the @goals/* aliases.
 *   node -r ./bench/register.js bench/rebuild.bench.ts
 */
const Module = require('node:module');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const swcOptions = require('../swc.options');

const root = join(__dirname, '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@goals\/([a-z-]+)$/.exec(request);
  return resolve.call(this, alias ? join(root, 'libs', alias[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
