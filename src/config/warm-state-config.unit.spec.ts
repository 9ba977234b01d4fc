import { LedgerConfig, WARM_STATE_BYTES } from './ledger-config';

describe('LEDGER_WARM_STATE_BYTES', () => {
  it('keeps 256 MiB of folded states unless told otherwise; 0 keeps none', () => {
    expect(LedgerConfig.fromEnv({}).warmStateBytes).toBe(WARM_STATE_BYTES);
    expect(WARM_STATE_BYTES).toBe(268_435_456);
    expect(LedgerConfig.fromEnv({ LEDGER_WARM_STATE_BYTES: '1048576' }).warmStateBytes).toBe(1_048_576);
    expect(LedgerConfig.fromEnv({ LEDGER_WARM_STATE_BYTES: '0' }).warmStateBytes).toBe(0);
  });

  it('refuses at start anything but a whole number of bytes, rather than keeping an unbounded or no working set unseen', () => {
    for (const v of ['-1', '2.5', '256MiB', 'lots', 'Infinity', '1e400'])
      expect(() => LedgerConfig.fromEnv({ LEDGER_WARM_STATE_BYTES: v })).toThrow(/LEDGER_WARM_STATE_BYTES/);
  });
});
