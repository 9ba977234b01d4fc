import { LedgerConfig } from './ledger-config';

describe('LEDGER_WRONG_KEYS_PER_MINUTE', () => {
  it('allows 10 wrong keys per client per minute unless told otherwise', () => {
    expect(LedgerConfig.fromEnv({}).wrongKeysPerMinute).toBe(10);
    expect(LedgerConfig.fromEnv({ LEDGER_WRONG_KEYS_PER_MINUTE: '3' }).wrongKeysPerMinute).toBe(3);
  });

  it('refuses at start anything but a whole number of at least 1, rather than throttling nobody', () => {
    for (const v of ['0', '-1', '2.5', 'many', 'Infinity'])
      expect(() => LedgerConfig.fromEnv({ LEDGER_WRONG_KEYS_PER_MINUTE: v })).toThrow(/LEDGER_WRONG_KEYS_PER_MINUTE/);
  });
});
