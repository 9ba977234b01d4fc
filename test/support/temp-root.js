// Every temporary file and directory a test run makes goes under one directory of its own
// (TMPDIR, which os.tmpdir() reads in every worker and child process), removed when the run ends:
// a test run leaves no data directories behind, whatever its tests forget to remove.
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const setup = async () => {
  process.env.LEDGER_TEST_TMP_PARENT = tmpdir();
  process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'ledger-test-run-'));
};

const teardown = async () => {
  const dir = process.env.TMPDIR;
  if (dir && dir.includes('ledger-test-run-')) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  if (process.env.LEDGER_TEST_TMP_PARENT) process.env.TMPDIR = process.env.LEDGER_TEST_TMP_PARENT;
};

module.exports = { setup, teardown };
