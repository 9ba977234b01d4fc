// Tests that start Nest modules of their own (not through startLedger) log through Nest's default
// logger; the faults they make on purpose must not print alarming lines. LEDGER_TEST_LOG shows them.
'use strict';
if (!process.env.LEDGER_TEST_LOG) require('@nestjs/common').Logger.overrideLogger(false);
