// One writer process of the PostgreSQL concurrency test: several lanes append to shared streams
// with the revision they last read, deciding again on a conflict, and print what was acknowledged.
'use strict';
const [build, url, schema, writer, streams, lanes, appends] = process.argv.slice(2);
const { PostgresEventStore } = require(`${build}/src/store/postgres/postgres-event-store.js`);
const { WrongExpectedRevision } = require(`${build}/src/core/ports/event-store.port.js`);

const event = (lane, i, n) => ({
  eventId: `w${writer}-l${lane}-a${i}-e${n}`,
  type: 'ConsentGiven',
  occurredAt: '2025-09-01T07:00:00.000Z',
  recordedAt: '2025-09-01T07:00:00.000Z',
  metadata: { schemaVersion: 1, actor: { id: `w${writer}`, role: 'registrar' }, schoolId: null, correlationId: 'c', causationId: null, idempotencyKeySha256: null },
  data: { writer: Number(writer), lane, i, n },
});

(async () => {
  const store = await PostgresEventStore.open({ connectionString: url, schema, poolSize: 3, warn: () => undefined });
  const acked = [];
  let conflicts = 0;
  const lane = async (l) => {
    for (let i = 0; i < Number(appends); i++) {
      const stream = `pupil-${(Number(writer) * 5 + l * 3 + i) % Number(streams)}`;
      const events = Array.from({ length: i % 3 === 0 ? 2 : 1 }, (_, n) => event(l, i, n));
      for (;;) {
        const { revision } = await store.readStream(stream, Number.MAX_SAFE_INTEGER);
        try {
          const written = await store.append([{ stream, expectedRevision: revision < 0 ? 'no_stream' : revision, events }]);
          acked.push(...written.map((e) => ({ eventId: e.eventId, position: e.position, stream: e.stream, revision: e.revision })));
          break;
        } catch (e) {
          if (!(e instanceof WrongExpectedRevision)) throw e;
          conflicts++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Number(lanes) }, (_, l) => lane(l)));
  await store.close();
  process.stdout.write(JSON.stringify({ acked, conflicts }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
