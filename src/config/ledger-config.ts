import { resolve } from 'node:path';
import type { Level } from 'pino';
import { LOG_LEVELS } from '../logging/ledger-log';
import { type StoreSelection, storeSelectionFromEnv } from './store-selection';

/** Where Kafka is and what the ledger publishes to; null: the ledger runs without a broker. */
export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly clientId: string;
}

/** Everything the ledger is told from outside, by name (README, "Configuration"). */
export interface LedgerSettings {
  /** HTTP port (`PORT`); 0 picks a free one. */
  readonly port: number;
  /** Events, keys, read models and generated secrets (`LEDGER_DATA_DIR`), absolute. */
  readonly dataDir: string;
  /** `key:role[:schools]` entries (`LEDGER_API_KEYS`); unset: keys are made in the data directory on first start. */
  readonly apiKeys: string | undefined;
  /** How often a signed checkpoint seals the log when it grew, in minutes; 0 turns the schedule off. */
  readonly checkpointMinutes: number;
  /** How often lapsed consents are announced (ConsentExpired), in minutes; 0 turns it off. */
  readonly expiryMinutes: number;
  /** Set: every event goes to Kafka. */
  readonly kafka: KafkaSettings | null;
  /**
   * How long a query waits, in ms, for the read models to reflect what this instance acknowledged
   * (or the position its `Ledger-Min-Position` header names) before it answers with what they hold
   * (`LEDGER_READ_WAIT_MS`); 0 never waits.
   */
  readonly readWaitMs: number;
  /** Wrong API keys one client may present per minute; past that it is answered 429 for a minute. */
  readonly wrongKeysPerMinute: number;
  /** The interface HTTP listens on (`LEDGER_HOST`): loopback unless told otherwise (the container image says 0.0.0.0). */
  readonly host: string;
  /** How much the JSON log says (`LEDGER_LOG_LEVEL`); `silent` nothing. */
  readonly logLevel: Level | 'silent';
  /** Signs the pages' session cookies (`LEDGER_SESSION_SECRET`); unset: a secret made in the data directory on first start. */
  readonly sessionSecret: string | undefined;
  /** The school register (`LEDGER_SCHOOLS`): a JSON file of schoolId → {name, contact}; null: pages and exports show ids. */
  readonly schoolsFile: string | null;
  /** The event store (`LEDGER_STORE`, store-selection.ts); SQLite in the data directory unless told otherwise. */
  readonly store: StoreSelection;
  /** Bytes of folded stream states kept between commands (`LEDGER_WARM_STATE_BYTES`), estimated; 0 keeps none. */
  readonly warmStateBytes: number;
}

/** 256 MiB: some 25,000 pupils of 20 consents (about 10 kB each folded), more than the 20,000 streams kept before. */
export const WARM_STATE_BYTES = 256 * 2 ** 20;

const DEFAULTS: Omit<LedgerSettings, 'dataDir'> = {
  port: 3000,
  apiKeys: undefined,
  checkpointMinutes: 60,
  expiryMinutes: 60,
  kafka: null,
  readWaitMs: 2000,
  wrongKeysPerMinute: 10,
  host: '127.0.0.1',
  logLevel: 'info',
  sessionSecret: undefined,
  schoolsFile: null,
  store: { kind: 'sqlite' },
  warmStateBytes: WARM_STATE_BYTES,
};

/** A setting's value as given, or undefined when it is unset or empty (an empty value means the default, as unset). */
const given = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/**
 * A whole number in plain decimal digits ("0x10", "1e3", "-1", "1.5" are refused, not read as
 * something else), between `min` and `max`; the default when unset or empty.
 * @throws Error naming the variable, what it must be and the value given
 */
const wholeNumberOf = (name: string, value: string | undefined, fallback: number, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
  const text = given(value);
  if (text === undefined) return fallback;
  const n = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new Error(`${name} must be ${what}, not ${value}`);
  return n;
};

const minutesOf = (name: string, value: string | undefined, fallback: number): number => {
  const text = given(value);
  if (text === undefined) return fallback;
  // Decimal notation only: a fraction of a minute is allowed ("0.5"), "1e3" or "0x10" is not.
  if (!/^[0-9]{1,9}(\.[0-9]{1,6})?$/.test(text)) throw new Error(`${name} must be a number of minutes, not ${value}`);
  return Number(text);
};

/** setTimeout's longest delay is 2^31 − 1 ms; a read never waits that long: ten minutes at most. */
const READ_WAIT_MAX_MS = 600_000;

/** Everything the ledger reads from its environment, read once at start; tests name only what they set. */
export class LedgerConfig implements LedgerSettings {
  readonly port!: number;
  readonly dataDir!: string;
  readonly apiKeys!: string | undefined;
  readonly checkpointMinutes!: number;
  readonly expiryMinutes!: number;
  readonly kafka!: KafkaSettings | null;
  readonly readWaitMs!: number;
  readonly wrongKeysPerMinute!: number;
  readonly host!: string;
  readonly logLevel!: Level | 'silent';
  readonly sessionSecret!: string | undefined;
  readonly schoolsFile!: string | null;
  readonly store!: StoreSelection;
  readonly warmStateBytes!: number;

  constructor(settings: Partial<LedgerSettings> & Pick<LedgerSettings, 'dataDir'>) {
    Object.assign(this, DEFAULTS, settings);
  }

  /** @throws Error naming the variable and what is wrong with its value */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
    const port = wholeNumberOf('PORT', env.PORT, DEFAULTS.port, 'a port number (0 to 65535)', 0, 65535);
    const brokers = (env.KAFKA_BROKERS ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    const kafka = brokers.length ? { brokers, topic: env.KAFKA_TOPIC || 'consent.events.v1', clientId: env.KAFKA_CLIENT_ID || 'consent-ledger' } : null;
    const wrongKeysPerMinute = wholeNumberOf(
      'LEDGER_WRONG_KEYS_PER_MINUTE',
      env.LEDGER_WRONG_KEYS_PER_MINUTE,
      DEFAULTS.wrongKeysPerMinute,
      'a whole number of at least 1',
      1,
    );
    const readWaitMs = wholeNumberOf(
      'LEDGER_READ_WAIT_MS',
      env.LEDGER_READ_WAIT_MS,
      DEFAULTS.readWaitMs,
      `a whole number of milliseconds from 0 to ${READ_WAIT_MAX_MS}`,
      0,
      READ_WAIT_MAX_MS,
    );
    const logLevel = (env.LEDGER_LOG_LEVEL?.trim() || DEFAULTS.logLevel) as Level | 'silent';
    if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LEDGER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${env.LEDGER_LOG_LEVEL}`);
    const warmStateBytes = wholeNumberOf(
      'LEDGER_WARM_STATE_BYTES',
      env.LEDGER_WARM_STATE_BYTES,
      DEFAULTS.warmStateBytes,
      'a whole number of bytes (0 keeps no state)',
    );
    const sessionSecret = env.LEDGER_SESSION_SECRET || undefined;
    if (sessionSecret !== undefined && sessionSecret.length < 32) throw new Error('LEDGER_SESSION_SECRET must be at least 32 characters');
    return new LedgerConfig({
      port,
      dataDir: resolve(env.LEDGER_DATA_DIR ?? './data'),
      apiKeys: env.LEDGER_API_KEYS || undefined,
      checkpointMinutes: minutesOf('LEDGER_CHECKPOINT_MINUTES', env.LEDGER_CHECKPOINT_MINUTES, DEFAULTS.checkpointMinutes),
      expiryMinutes: minutesOf('LEDGER_EXPIRY_MINUTES', env.LEDGER_EXPIRY_MINUTES, DEFAULTS.expiryMinutes),
      kafka,
      readWaitMs,
      wrongKeysPerMinute,
      host: env.LEDGER_HOST?.trim() || DEFAULTS.host,
      logLevel,
      sessionSecret,
      schoolsFile: env.LEDGER_SCHOOLS?.trim() ? resolve(env.LEDGER_SCHOOLS.trim()) : null,
      store: storeSelectionFromEnv(env),
      warmStateBytes,
    });
  }
}
