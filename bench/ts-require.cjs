'use strict';
/**
 * Lets a bench process require the app's own TypeScript modules (the peer mesh, for the
 * stand-ins of voice-mesh.cjs): each .ts file is compiled to CommonJS by swc as it loads.
 * Only modules with no browser globals at load time can be used this way.
 */
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
