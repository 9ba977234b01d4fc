'use strict';
module.exports = require('./postgres-e2e').setup;
