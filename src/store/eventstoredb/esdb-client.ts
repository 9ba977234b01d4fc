import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  EventStoreDBClient,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';

/**
 * What the adapter uses of `@eventstore/db-client` 6.x, and nothing more: the real client has
 * this shape, and so has the in-memory fake its unit tests run on.
 *
 * Why this client: DESIGN names it; 6.x runs on Node 20 in pure JavaScript (gRPC through
 * `@grpc/grpc-js`) against EventStoreDB 20.10 and later and KurrentDB, which kept the protocol.
 * Its renamed successor `@kurrent/kurrentdb-client` adds `multiStreamAppend`, which needs a
 * KurrentDB 25.1 server and a native addon (`@kurrent/bridge`); the ledger does not need it: a
 * sharing keeps its meaning without a transaction across streams (see `EventStoreDbEventStore`).
 */
export interface EsdbClient {
  appendToStream(stream: string, events: EventData[], options: { expectedRevision: AppendExpectedRevision; deadline: number }): Promise<AppendResult>;
  readStream(stream: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> };
  dispose(): Promise<void>;
}

/**
 * A client for an `esdb://` connection string (LEDGER_EVENTSTOREDB_URL). Every call names its own
 * deadline; `defaultDeadline` covers any the client makes on its own. gRPC keep-alives find a
 * peer that went silent on an open connection.
 */
export const connectEventStoreDb = (url: string, deadlineMs: number): EsdbClient => {
  const given = new Set([...url.matchAll(/[?&]([^=&]+)=/g)].map((m) => m[1].toLowerCase()));
  const settings = { defaultDeadline: deadlineMs, gossipTimeout: deadlineMs, keepAliveTimeout: deadlineMs, maxDiscoverAttempts: 3 };
  const extra = Object.entries(settings).filter(([key]) => !given.has(key.toLowerCase()));
  const full = extra.reduce((u, [key, value], i) => `${u}${i === 0 && !u.includes('?') ? '?' : '&'}${key}=${value}`, url);
  return EventStoreDBClient.connectionString(full);
};
