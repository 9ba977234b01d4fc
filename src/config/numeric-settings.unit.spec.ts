import { LedgerConfig, WARM_STATE_BYTES } from './ledger-config';

describe('numeric settings', () => {
  it('keeps 256 MiB of folded states unless told otherwise; 0 keeps none', () => {
    expect(LedgerConfig.fromEnv({}).warmStateBytes).toBe(WARM_STATE_BYTES);
    expect(WARM_STATE_BYTES).toBe(268_435_456);
    expect(LedgerConfig.fromEnv({ LEDGER_WARM_STATE_BYTES: '1048576' }).warmStateBytes).toBe(1_048_576);
    expect(LedgerConfig.fromEnv({ LEDGER_WARM_STATE_BYTES: '0' }).warmStateBytes).toBe(0);
  });

  it('waits 2,000 ms for the read models unless told otherwise, at most ten minutes', () => {
    expect(LedgerConfig.fromEnv({}).readWaitMs).toBe(2000);
    expect(LedgerConfig.fromEnv({ LEDGER_READ_WAIT_MS: '0' }).readWaitMs).toBe(0);
    expect(LedgerConfig.fromEnv({ LEDGER_READ_WAIT_MS: '600000' }).readWaitMs).toBe(600_000);
    // Past setTimeout's 2^31 − 1 ms Node would wait 1 ms instead: refused, not silently not waiting.
    for (const v of ['600001', '2147483648', '99999999999999']) expect(() => LedgerConfig.fromEnv({ LEDGER_READ_WAIT_MS: v })).toThrow(/LEDGER_READ_WAIT_MS/);
  });

  it('reads an empty value as unset (the default), never as 0', () => {
    const config = LedgerConfig.fromEnv({
      PORT: '',
      LEDGER_READ_WAIT_MS: ' ',
      LEDGER_WARM_STATE_BYTES: '',
      LEDGER_WRONG_KEYS_PER_MINUTE: '',
      LEDGER_EXPIRY_MINUTES: '',
    });
    const defaults = LedgerConfig.fromEnv({});
    for (const key of ['port', 'readWaitMs', 'warmStateBytes', 'wrongKeysPerMinute', 'expiryMinutes'] as const) expect(config[key]).toBe(defaults[key]);
  });

  it('refuses at start every value that is not plain decimal digits, naming the variable', () => {
    const loose = ['-1', '2.5', '256MiB', 'lots', 'Infinity', '1e3', '0x10', '+5', '1_000'];
    for (const name of ['PORT', 'LEDGER_READ_WAIT_MS', 'LEDGER_WARM_STATE_BYTES', 'LEDGER_WRONG_KEYS_PER_MINUTE'])
      for (const v of loose) expect(() => LedgerConfig.fromEnv({ [name]: v })).toThrow(new RegExp(name));
    for (const name of ['LEDGER_CHECKPOINT_MINUTES', 'LEDGER_EXPIRY_MINUTES'])
      for (const v of ['-1', '1e3', '0x10', 'soon', '+5']) expect(() => LedgerConfig.fromEnv({ [name]: v })).toThrow(new RegExp(name));
    expect(LedgerConfig.fromEnv({ LEDGER_CHECKPOINT_MINUTES: '0.5' }).checkpointMinutes).toBe(0.5);
    expect(() => LedgerConfig.fromEnv({ PORT: '65536' })).toThrow(/PORT/);
    expect(() => LedgerConfig.fromEnv({ LEDGER_WRONG_KEYS_PER_MINUTE: '0' })).toThrow(/LEDGER_WRONG_KEYS_PER_MINUTE/);
  });
});
