'use strict';
const kafka = require('../../scripts/kafka');

module.exports = async () => {
  if (process.env.KAFKA_TEST_ENV) await kafka.stop({ ...process.env, ...JSON.parse(process.env.KAFKA_TEST_ENV) });
};
