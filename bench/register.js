/**
 * Runs TypeScript without a build step, for scripts under bench/: compiles each .ts file with
 * @swc/core as it is required, and resolves the @goals/* aliases to libs/<name>/src.
 *   node --require ./bench/register.js bench/reminders.bench.ts
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@goals\/([^/]+)$/.exec(request);
  return resolve.call(this, alias ? path.join(root, 'libs', alias[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  });
  module._compile(code, filename);
};
