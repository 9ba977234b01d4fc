import { Inject, Injectable } from '@nestjs/common';
import { statSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { PROJECTIONS } from '../../projections';
import { CommandDoor } from '../ledger/command-handling/command-door';
import { KeyStore } from '../personal-data/key-store';
import type { PupilKeys } from '../personal-data/pupil-keys';
import { RelayService } from '../publishing/relay.service';
import { DocStore } from '../read-models/doc-store';
import { DataDirectory } from '../store/data-directory';
import { EVENT_STORE, type EventStore } from '../core/ports/event-store.port';

/** The files whose size is the store's size on disk, in bytes. */
const STORE_FILES = ['events.db', 'events.db-wal', 'keys.db', 'keys.db-wal', 'read-models.db', 'read-models.db-wal', 'relay.db'];

/** Seconds; commands are acknowledged after an fsync, so the low buckets matter. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Events between two numeric positions (the embedded store's); null where positions are not numbers. */
const behind = (head: string | null, at: string | null): number | null => {
  const h = Number(head ?? 0);
  const a = Number(at ?? 0);
  return Number.isFinite(h) && Number.isFinite(a) ? Math.max(0, h - a) : null;
};

/**
 * What an operator watches, in Prometheus' text format: commands and refusals by type, latencies,
 * projection and relay lag, broker state, store size. Counts and sizes only: no id, no name. One
 * registry per ledger (not prom-client's global one), so two ledgers in one process never mix.
 */
@Injectable()
export class LedgerMetrics {
  readonly registry = new Registry();
  /** Label `command` is the use case (GiveConsent), `outcome` accepted or the refusal's code. */
  private readonly commands = new Counter({
    name: 'ledger_commands_total',
    help: 'Commands answered, by command and outcome (accepted, or the refusal code)',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });
  private readonly commandSeconds = new Histogram({
    name: 'ledger_command_duration_seconds',
    help: 'Time to answer a command, in seconds',
    labelNames: ['command'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, in seconds, by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly docs: DocStore,
    private readonly relay: RelayService,
    @Inject(KeyStore) private readonly keys: PupilKeys,
    private readonly dir: DataDirectory,
    private readonly door: CommandDoor,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_process_' });
    // prom-client calls collect() with the gauge as `this`: the ledger's own state is reached through `self`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    new Gauge({
      name: 'ledger_projection_lag_events',
      help: 'Events in the log that a read model has not folded yet',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        const head = await self.store.head();
        for (const p of PROJECTIONS) {
          const lag = behind(head, self.docs.checkpoint(p.name)?.position ?? null);
          if (lag !== null) this.set({ projection: p.name }, lag);
        }
      },
    });
    new Gauge({
      name: 'ledger_relay_lag_events',
      help: 'Events in the log not yet acknowledged by the Kafka broker, by topic (absent without KAFKA_BROKERS)',
      labelNames: ['topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const topic = self.relay.topic();
        if (topic === null) return;
        const lag = behind(await self.store.head(), self.relay.publishedUpTo());
        if (lag !== null) this.set({ topic }, lag);
      },
    });
    new Gauge({
      name: 'ledger_broker_state',
      help: 'The Kafka relay’s state: 1 for the current one of off (no KAFKA_BROKERS), ok (the broker acknowledged the last attempt), unreachable',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const { status } = self.relay.condition();
        for (const state of ['off', 'ok', 'unreachable']) this.set({ state }, state === status ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ledger_store_up',
      help: 'Whether the store can acknowledge commands: 1 yes, 0 no (lost, read-only or full)',
      labelNames: ['store'],
      registers: [this.registry],
      collect() {
        this.set({ store: 'events' }, self.store.condition().status === 'ok' ? 1 : 0);
        this.set({ store: 'keys' }, self.keys.condition().status === 'ok' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ledger_store_bytes',
      help: 'Size on disk of each file of the data directory, in bytes',
      labelNames: ['file'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const file of STORE_FILES) {
          try {
            this.set({ file }, statSync(self.dir.file(file)).size);
          } catch {
            // a file the ledger has not made (no WAL right now, no relay): nothing to say
          }
        }
      },
    });
    new Gauge({
      name: 'ledger_warm_state_streams',
      help: 'Folded stream states the command side keeps between commands',
      registers: [this.registry],
      collect() {
        this.set(self.door.warmState().streams);
      },
    });
    new Gauge({
      name: 'ledger_warm_state_bytes',
      help: 'Estimated size of the folded stream states kept between commands, in bytes (bounded by LEDGER_WARM_STATE_BYTES)',
      registers: [this.registry],
      collect() {
        this.set(self.door.warmState().bytes);
      },
    });
  }

  /** One answered command: its outcome and how long it took (ms). */
  command(command: string, outcome: string, ms: number): void {
    this.commands.inc({ command, outcome });
    this.commandSeconds.observe({ command }, ms / 1000);
  }

  /** One answered HTTP request (ms). */
  request(method: string, route: string, status: number, ms: number): void {
    this.requestSeconds.observe({ method, route, status: String(status) }, ms / 1000);
  }
}
