// Pins the host zone a test file runs under: its project's (LEDGER_TEST_ZONE in jest's globals) or
// the machine's own. Jest reuses workers across projects, so every project sets it, never inherits it.
'use strict';
const zone = globalThis.LEDGER_TEST_ZONE || globalThis.LEDGER_HOST_ZONE;
if (zone) process.env.TZ = zone;
else delete process.env.TZ;
