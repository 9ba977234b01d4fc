import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../store/sqlite-event-store';
import type { OutgoingMessage } from './message-publisher.port';
import { Relay } from './relay';
import { RelayCheckpoint } from './relay-checkpoint';
import { MUM, enrolled, given } from '../pupils/domain/pupil-fixtures';

describe('the relay when its own checkpoint cannot be written (a full disk)', () => {
  it('keeps the process alive, says so, and catches up once it can write again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-relay-'));
    const store = new SqliteEventStore(join(dir, 'events.db'), { warn: () => undefined });
    const checkpoint = new RelayCheckpoint(join(dir, 'relay.db'));
    const published: OutgoingMessage[] = [];
    const said: string[] = [];
    const relay = new Relay(
      store,
      { connect: async () => undefined, disconnect: async () => undefined, publish: async (m) => void published.push(...m) },
      checkpoint,
      {
        topic: 't',
        source: '/consent-ledger',
        log: (line) => said.push(line),
      },
    );
    // What a full disk does to the checkpoint's write, from outside the relay.
    const other = new Database(join(dir, 'relay.db'));
    other.exec("CREATE TRIGGER full BEFORE INSERT ON relay_checkpoints BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    await relay.start();
    const events = [enrolled, given(MUM, '2024-09-01T08:00:00.000Z')];
    await store.append([
      {
        stream: 'pupil-p-1',
        expectedRevision: 'no_stream',
        events: events.map((e, i) => ({
          ...e,
          eventId: `e-${i}`,
          recordedAt: e.occurredAt,
          metadata: {
            schemaVersion: 1,
            actor: { id: 'a', role: 'registrar' },
            schoolId: 's-1',
            correlationId: 'c',
            causationId: null,
            idempotencyKeySha256: null,
          },
        })),
      },
    ]);
    while (said.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(said[0]).toContain('the relay could not move on (database or disk is full)');
    expect(checkpoint.get('t')).toBeNull();
    other.exec('DROP TRIGGER full');
    other.close();
    while (checkpoint.get('t') === null) await new Promise((r) => setTimeout(r, 20));
    expect(checkpoint.get('t')).toBe((await store.head())!);
    expect(new Set(published.map((m) => m.headers.ce_id))).toEqual(new Set(['e-0', 'e-1']));
    await relay.stop();
    checkpoint.close();
    await store.close();
  });
});
