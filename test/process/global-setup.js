// Builds the ledger once for the tests that run it as a process of its own (crash and start-up
// tests), into a directory of their own under the checkout, so that `node_modules` resolves.
'use strict';
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(root, '.tmp', 'process-build')], {
    cwd: root,
    stdio: 'inherit',
  });
};
