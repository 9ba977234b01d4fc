// The Node test environment, run under the host zone its project names (testEnvironmentOptions.zone):
// the real process's TZ is set for the file and restored after it, because a test's own
// process.env is a copy that the clock never reads, and jest reuses workers across projects.
'use strict';
const { TestEnvironment } = require('jest-environment-node');

class ZoneEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.zone = config.projectConfig.testEnvironmentOptions.zone;
  }

  async setup() {
    await super.setup();
    this.hostZone = process.env.TZ;
    if (this.zone) process.env.TZ = this.zone;
  }

  async teardown() {
    if (this.hostZone === undefined) delete process.env.TZ;
    else process.env.TZ = this.hostZone;
    await super.teardown();
  }
}

module.exports = ZoneEnvironment;
