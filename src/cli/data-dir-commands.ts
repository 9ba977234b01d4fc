import { type Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { AuditTrail } from '../audit/audit-trail';
import { loadOrCreateSigningKey } from '../audit/checkpoint';
import { CLOUDEVENTS_SOURCE } from '../publishing/domain/integration-event';
import { KafkaJsPublisher } from '../publishing/kafkajs-publisher';
import { Relay } from '../publishing/relay';
import { RelayCheckpoint } from '../publishing/relay-checkpoint';
import { DataDirectory } from '../store/data-directory';
import { DataDirectoryLock } from '../store/data-directory-lock';
import { SqliteAuditLog } from '../store/sqlite-audit-log';
import { SqliteEventStore } from '../store/sqlite-event-store';
import type { Io } from './io';
import { eventsFile } from './options';

/**
 * `checkpoint` and `relay`: commands that write beside the embedded log, in its data directory
 * (on PostgreSQL the running ledger does both; refuseOnPostgres says so).
 */
export const addDataDirCommands = (program: Command, io: Io, setExit: (code: number) => void): void => {
  program
    .command('checkpoint')
    .description('seal the log now with the ledger’s signing key')
    .action(async () => {
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      const file = eventsFile(dataDir);
      // Sealing writes to the log: not beside a running ledger, which seals on its own schedule.
      const lock = DataDirectoryLock.acquire(DataDirectory.open(dataDir));
      const log = new SqliteAuditLog(file);
      try {
        const cp = await new AuditTrail(log, loadOrCreateSigningKey(dataDir), dataDir).checkpoint(new Date().toISOString());
        io.out(JSON.stringify(cp, null, 2) + '\n');
        setExit(0);
      } finally {
        log.close();
        lock.release();
      }
    });

  program
    .command('relay')
    .description('publish every event to Kafka from its durable checkpoint, until stopped (SIGTERM/SIGINT)')
    .option('--brokers <list>', 'comma-separated Kafka brokers', process.env.KAFKA_BROKERS)
    .option('--topic <topic>', 'the topic', process.env.KAFKA_TOPIC || 'consent.events.v1')
    .action(async (opts: { brokers?: string; topic: string }) => {
      const brokers = (opts.brokers ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean);
      if (brokers.length === 0) throw new InvalidArgumentError('--brokers (or KAFKA_BROKERS) is required');
      const dataDir = program.opts<{ dataDir: string }>().dataDir;
      // Runs beside a ledger started without Kafka (it writes only relay.db): no data-directory lock.
      const store = new SqliteEventStore(eventsFile(dataDir));
      const checkpoint = new RelayCheckpoint(join(dataDir, 'relay.db'));
      const relay = new Relay(store, new KafkaJsPublisher({ brokers, topic: opts.topic, clientId: 'consent-ledger-relay' }), checkpoint, {
        topic: opts.topic,
        source: CLOUDEVENTS_SOURCE,
        log: (line) => io.err(`${line}\n`),
      });
      await relay.start();
      io.err(`relaying to ${opts.topic} on ${brokers.join(',')}\n`);
      await new Promise<void>((done) => ['SIGTERM', 'SIGINT'].forEach((signal) => process.once(signal, () => done())));
      await relay.stop();
      checkpoint.close();
      await store.close();
      setExit(0);
    });
};
