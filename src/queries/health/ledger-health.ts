import { Inject, Injectable } from '@nestjs/common';
import { KeyStore } from '../../personal-data/key-store';
import type { PupilKeys } from '../../personal-data/pupil-keys';
import { RelayService } from '../../publishing/relay.service';
import { type ReadModelsCondition, ProjectionRunner } from '../../read-models/projection-runner';
import { EVENT_STORE, type EventStore, type StoreCondition } from '../../core/ports/event-store.port';

export interface HealthChecks {
  /** events.db and its WAL. */
  readonly store: StoreCondition;
  /** keys.db: the pupils' keys, which enrolments and destructions write. */
  readonly keys: StoreCondition;
  readonly readModels: ReadModelsCondition;
  /** `standby`: another instance holds the relay's lease (a shared store); `parked`: events of a type this release cannot publish wait in the relay (still 200, degraded). */
  readonly kafka: ReturnType<RelayService['condition']>;
}

export interface Health {
  /** `unavailable` when commands cannot be acknowledged; `degraded` when they can but something lags. */
  readonly status: 'ok' | 'degraded' | 'unavailable';
  /** Whether this instance should take traffic: store usable and read models within their bound. */
  readonly ready: boolean;
  /** Why not ok, in words; null when ok. */
  readonly reason: string | null;
  readonly checks: HealthChecks;
}

/**
 * The ledger's own view of whether it can serve, from its parts. It says nothing about the data:
 * no counts, positions or ids, as anyone may ask it (no key).
 */
@Injectable()
export class LedgerHealth {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KeyStore) private readonly keys: PupilKeys,
    private readonly projections: ProjectionRunner,
    private readonly relay: RelayService,
  ) {}

  async check(): Promise<Health> {
    const checks: HealthChecks = {
      store: this.store.condition(),
      keys: this.keys.condition(),
      readModels: await this.projections.condition(),
      kafka: this.relay.condition(),
    };
    const usable = checks.store.status === 'ok' && checks.keys.status === 'ok';
    const reasons = [checks.store, checks.keys, checks.readModels].flatMap((c) => ('reason' in c ? [c.reason] : []));
    if (checks.kafka.status === 'unreachable') reasons.push('the Kafka broker does not acknowledge; events wait in the log');
    if ('reason' in checks.kafka) reasons.push(checks.kafka.reason);
    return {
      status: !usable ? 'unavailable' : reasons.length > 0 ? 'degraded' : 'ok',
      ready: usable && checks.readModels.status === 'ok',
      reason: reasons.length > 0 ? reasons.join('; ') : null,
      checks,
    };
  }
}
