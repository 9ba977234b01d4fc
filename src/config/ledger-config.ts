import { resolve } from 'node:path';

/** Everything the ledger reads from its environment, read once at start. */
export class LedgerConfig {
  constructor(
    readonly port: number,
    readonly dataDir: string,
    /** `key:role` pairs; unset means keys are made in the data directory on first start. */
    readonly apiKeys: string | undefined,
    /** How often a signed checkpoint seals the log (when it grew); 0 turns the schedule off. */
    readonly checkpointMinutes = 60,
    /** How often lapsed consents are announced (ConsentExpired); 0 turns it off. */
    readonly expiryMinutes = 60,
    /** Set: every event goes to Kafka. Unset: the ledger runs without a broker. */
    readonly kafka: { readonly brokers: readonly string[]; readonly topic: string; readonly clientId: string } | null = null,
    /** Wrong API keys one client may present per minute; past that it is answered 429 for a minute. */
    readonly wrongKeysPerMinute = 10,
    /** The interface HTTP listens on: loopback unless told otherwise (the container image says 0.0.0.0). */
    readonly host = '127.0.0.1',
    /** Signs the pages' session cookies; unset: a secret made in the data directory (owner-only) on first start. */
    readonly sessionSecret: string | undefined = undefined,
    /** The school register (a JSON file: schoolId → name and contact point) the pages show; unset: pages show ids. */
    readonly schoolsFile: string | undefined = undefined,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
    const port = Number(env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
    const minutes = Number(env.LEDGER_CHECKPOINT_MINUTES ?? 60);
    if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`LEDGER_CHECKPOINT_MINUTES must be a number of minutes, not ${env.LEDGER_CHECKPOINT_MINUTES}`);
    const expiry = Number(env.LEDGER_EXPIRY_MINUTES ?? 60);
    if (!Number.isFinite(expiry) || expiry < 0) throw new Error(`LEDGER_EXPIRY_MINUTES must be a number of minutes, not ${env.LEDGER_EXPIRY_MINUTES}`);
    const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
    const kafka = brokers.length
      ? { brokers, topic: env.KAFKA_TOPIC || 'consent.events.v1', clientId: env.KAFKA_CLIENT_ID || 'consent-ledger' }
      : null;
    const wrongKeys = Number(env.LEDGER_WRONG_KEYS_PER_MINUTE ?? 10);
    if (!Number.isInteger(wrongKeys) || wrongKeys < 1)
      throw new Error(`LEDGER_WRONG_KEYS_PER_MINUTE must be a whole number of at least 1, not ${env.LEDGER_WRONG_KEYS_PER_MINUTE}`);
    const host = env.LEDGER_HOST?.trim() || '127.0.0.1';
    const sessionSecret = env.LEDGER_SESSION_SECRET || undefined;
    if (sessionSecret !== undefined && sessionSecret.length < 32) throw new Error('LEDGER_SESSION_SECRET must be at least 32 characters');
    const schoolsFile = env.LEDGER_SCHOOLS ? resolve(env.LEDGER_SCHOOLS) : undefined;
    return new LedgerConfig(port, resolve(env.LEDGER_DATA_DIR ?? './data'), env.LEDGER_API_KEYS || undefined, minutes, expiry, kafka, wrongKeys, host, sessionSecret, schoolsFile);
  }
}
