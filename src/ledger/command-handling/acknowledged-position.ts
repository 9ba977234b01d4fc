import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../core/ports/event-store.port';
import type { RecordedEvent } from '../domain/recorded-event';

/**
 * The highest position this instance acknowledged: what a query on this instance waits for so that
 * a client reads its own writes. Not the store's head, which with several instances on one log
 * holds the others' writes too, for which no reader here waits.
 */
@Injectable()
export class AcknowledgedPosition {
  private highest: string | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: Pick<EventStore, 'comparePositions'>) {}

  /** Events stored (or found stored) for a command this instance answers. */
  note(events: readonly RecordedEvent[]): void {
    for (const e of events) if (this.highest === null || this.store.comparePositions(e.position, this.highest) > 0) this.highest = e.position;
  }

  /** Null while this instance acknowledged nothing. */
  get position(): string | null {
    return this.highest;
  }
}
