import { describePostgres } from '../testing/postgres-test-database';
import { PostgresLease } from './postgres-lease';
import { SharedKeys } from './shared-keys';
import { SharedState } from './shared-state';

describePostgres('what instances share in PostgreSQL', (db) => {
  const open = (schema: string) => SharedState.open({ connectionString: db.url, schema, probeMs: 0 });

  it('stores the key of the instance that appended first; the other is told to decide again with it', async () => {
    const schema = db.freshSchema();
    const [sa, sb] = [await open(schema), await open(schema)];
    const [a, b] = [new SharedKeys(sa), new SharedKeys(sb)];
    await Promise.all([a.refresh('p-1'), b.refresh('p-1')]);
    const [ka, kb] = [a.keyFor('p-1', true)!, b.keyFor('p-1', true)!];
    expect(ka.equals(kb)).toBe(false);
    expect(await a.storePending(['p-1'])).toEqual([]);
    expect(await b.storePending(['p-1'])).toEqual(['p-1']);
    // B now seals with A's key, the one stored for every instance.
    expect(b.keyFor('p-1', true)!.equals(ka)).toBe(true);
    await Promise.all([sa.close(), sb.close()]);
  });

  it('a key destroyed by one instance is gone for the other at its next read, and never made again', async () => {
    const schema = db.freshSchema();
    const [sa, sb] = [await open(schema), await open(schema)];
    const [a, b] = [new SharedKeys(sa), new SharedKeys(sb)];
    await a.refresh('p-2');
    a.keyFor('p-2', true);
    await a.storePending(['p-2']);
    await b.refresh('p-2');
    expect(b.keyFor('p-2', false)).not.toBeNull();
    await a.destroyKey('p-2');
    await b.refresh('p-2');
    expect(b.keyFor('p-2', false)).toBeNull();
    expect(b.isDestroyed('p-2')).toBe(true);
    expect(b.keyFor('p-2', true)).toBeNull();
    expect(await sa.query(`SELECT * FROM ${sa.s}.pupil_keys WHERE pupil_id = 'p-2'`)).toEqual([]);
    // A key made on an instance that had not heard of the destruction is refused when it would be stored.
    const c = new SharedKeys(sb);
    c.keyFor('p-2', true);
    expect(await c.storePending(['p-2'])).toEqual(['p-2']);
    expect(await sa.query(`SELECT * FROM ${sa.s}.pupil_keys WHERE pupil_id = 'p-2'`)).toEqual([]);
    await Promise.all([sa.close(), sb.close()]);
  });

  it('holds a lease on one instance at a time, and hands it over when the holder goes', async () => {
    const schema = db.freshSchema();
    const running: string[] = [];
    const work = (name: string) => ({ start: () => void running.push(name), stop: () => void running.splice(running.indexOf(name), 1) });
    const [a, b] = [new PostgresLease({ connectionString: db.url, schema, everyMs: 50 }), new PostgresLease({ connectionString: db.url, schema, everyMs: 50 })];
    await a.hold('relay', work('a'));
    await b.hold('relay', work('b'));
    expect(running).toEqual(['a']);
    expect(b.held()).toEqual([]);
    await a.close();
    expect(running).toEqual([]);
    while (running.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(running).toEqual(['b']);
    expect(b.held()).toEqual(['relay']);
    await b.close();
  });
});
