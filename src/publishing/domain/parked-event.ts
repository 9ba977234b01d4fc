/**
 * An event the relay could not map to an integration event: where it is, to publish it once a
 * release maps it. Plain data, kept by either checkpoint (the relay's file, or the shared one in PostgreSQL).
 */
export interface ParkedEvent {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  /** Why it was parked (no pupil data: the mapping's message names the event type). */
  readonly reason: string;
}
