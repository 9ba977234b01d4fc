import { PostgresEventStore } from '../../store/postgres/postgres-event-store';
import { describePostgres } from '../../store/postgres/testing/postgres-test-database';
import { DomainError } from '../domain/errors';
import { Clock } from './clock';
import { CommandDoor } from './command-door';
import { appendBeside, countingReads, record } from './testing/register-commands';

/*
 * Two instances on one PostgreSQL log, each with its own store and door: B's kept state goes stale
 * when A appends, and a decision of B that appends nothing (a refusal, an exact repeat) is still
 * made on the stream as it is now, read before the decision (rule 6).
 */
describePostgres('decisions of two instances on one PostgreSQL log', (db) => {
  const opened: PostgresEventStore[] = [];
  const instances = async () => {
    const schema = db.freshSchema();
    const open = async () => {
      const store = await PostgresEventStore.open({ connectionString: db.url, schema, poolSize: 2, warn: () => undefined });
      opened.push(store);
      return store;
    };
    const a = await open();
    const b = countingReads(await open());
    return { a, doorA: new CommandDoor(a, new Clock()), b: b.store, readsOfB: b.reads, doorB: new CommandDoor(b.store, new Clock()) };
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  // Here B's stale decision would append, so the expected revision would catch it even without the read.
  it('refuses on B once A closed the register B decided on before', async () => {
    const { a, doorA, doorB, readsOfB } = await instances();
    await record(doorB, 'r-1', 'a');
    await record(doorA, 'r-1', 'b');
    await appendBeside(a, 'r-1', 'Closed');
    readsOfB.length = 0;
    await expect(record(doorB, 'r-1', 'c')).rejects.toThrow(DomainError);
    expect(readsOfB).toEqual(['r-1']);
  });

  it('does not refuse on B on the state before A reopened: the refusal was decided on the revision then', async () => {
    const { a, doorB, b, readsOfB } = await instances();
    await appendBeside(a, 'r-1', 'Closed');
    await expect(record(doorB, 'r-1', 'x')).rejects.toThrow(DomainError);
    await appendBeside(a, 'r-1', 'Reopened');
    readsOfB.length = 0;
    expect(await record(doorB, 'r-1', 'x')).toEqual({ outcome: 'appended', entries: [] });
    expect(readsOfB).toEqual(['r-1']);
    expect((await b.readStream('r-1')).events.map((e) => [e.revision, e.type])).toEqual([
      [0, 'Closed'],
      [1, 'Reopened'],
      [2, 'Recorded'],
    ]);
  });

  it('answers no exact repeat on B once A cleared what B saw recorded', async () => {
    const { a, doorB, readsOfB } = await instances();
    await record(doorB, 'r-1', 'a');
    readsOfB.length = 0;
    expect(await record(doorB, 'r-1', 'a')).toEqual({ outcome: 'repeat', entries: ['a'] });
    // A decision that appends nothing still read the stream first: that read is the revision check.
    expect(readsOfB).toEqual(['r-1']);
    await appendBeside(a, 'r-1', 'Cleared');
    readsOfB.length = 0;
    expect(await record(doorB, 'r-1', 'a')).toEqual({ outcome: 'appended', entries: [] });
    expect(readsOfB).toEqual(['r-1']);
    expect((await a.readStream('r-1')).events.map((e) => e.type)).toEqual(['Recorded', 'Cleared', 'Recorded']);
  });
});
