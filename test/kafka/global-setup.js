// Starts a real Kafka broker for the Kafka suite unless KAFKA_BROKERS names one.
// In CI (CI=true) a broker that cannot start fails the run; elsewhere the suite is skipped, loudly.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const kafka = require('../../scripts/kafka');

const banner = (lines) => {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join('\n')}\n${bar}\n\n`);
};

module.exports = async () => {
  // The relay is also tested as its own process: it runs from the build.
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: join(__dirname, '..', '..') });
  if (process.env.KAFKA_BROKERS) {
    process.env.KAFKA_TEST_BROKERS = process.env.KAFKA_BROKERS;
    return;
  }
  const port = Number(process.env.KAFKA_TEST_PORT || 19092);
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_DATA_DIR: mkdtempSync(join(tmpdir(), 'ledger-kafka-')) };
  try {
    await kafka.start(env);
    process.env.KAFKA_TEST_BROKERS = `127.0.0.1:${port}`;
    // Only a broker the suite started itself may be stopped and started by its tests.
    process.env.KAFKA_TEST_ENV = JSON.stringify({ KAFKA_PORT: env.KAFKA_PORT, KAFKA_DATA_DIR: env.KAFKA_DATA_DIR });
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`CI: the Kafka broker for the Kafka tests did not start: ${e.message}`);
    process.env.KAFKA_TEST_SKIP = e.message;
    banner(['THE KAFKA TESTS ARE SKIPPED: no broker could be started.', String(e.message).split('\n')[0], 'Set KAFKA_BROKERS to use a running broker.']);
  }
};
