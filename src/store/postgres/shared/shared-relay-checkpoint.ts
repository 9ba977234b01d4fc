import type { ParkedEvent } from '../../../publishing/domain/parked-event';
import type { SharedState } from './shared-state';

/**
 * The relay's checkpoint in PostgreSQL, one per topic for every instance: whichever instance holds
 * the relay's lease goes on from where the last holder got to. Read once when the lease is taken
 * (`load`); each move is written in order behind the relay (`set` answers at once, as the relay
 * expects of its checkpoint) and `settled` waits for the writes. A holder that dies with a move
 * unwritten leaves the checkpoint a batch behind: the next holder publishes that batch again
 * (at least once, as the relay always was), never skips one. The events parked for want of a
 * mapping are written in the same transaction as the move that passes them.
 */
export class SharedRelayCheckpoint {
  private readonly positions = new Map<string, string | null>();
  private readonly parkedEvents = new Map<string, ParkedEvent[]>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: SharedState,
    private readonly warn: (line: string) => void = () => undefined,
  ) {}

  async load(topic: string): Promise<void> {
    const rows = await this.state.query<{ position: string }>(`SELECT position FROM ${this.state.s}.relay_checkpoints WHERE topic = $1`, [topic]);
    this.positions.set(topic, rows[0]?.position ?? null);
    const parked = await this.state.query<{ position: string; event_id: string; stream: string; revision: number; type: string; reason: string }>(
      `SELECT position, event_id, stream, revision, type, reason FROM ${this.state.s}.relay_parked WHERE topic = $1`,
      [topic],
    );
    this.parkedEvents.set(
      topic,
      parked.map((r) => ({ position: r.position, eventId: r.event_id, stream: r.stream, revision: Number(r.revision), type: r.type, reason: r.reason })),
    );
  }

  get(topic: string): string | null {
    return this.positions.get(topic) ?? null;
  }

  set(topic: string, position: string, parked: readonly ParkedEvent[] = []): void {
    this.positions.set(topic, position);
    if (parked.length > 0) this.parkedEvents.set(topic, [...this.parked(topic), ...parked]);
    this.write(async (c) => {
      await c.query(
        `INSERT INTO ${this.state.s}.relay_checkpoints (topic, position) VALUES ($1, $2) ON CONFLICT (topic) DO UPDATE SET position = EXCLUDED.position`,
        [topic, position],
      );
      for (const p of parked)
        await c.query(
          `INSERT INTO ${this.state.s}.relay_parked (topic, event_id, position, stream, revision, type, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [topic, p.eventId, p.position, p.stream, p.revision, p.type, p.reason],
        );
    });
  }

  /** The events parked for want of a mapping, oldest first. */
  parked(topic: string): ParkedEvent[] {
    return [...(this.parkedEvents.get(topic) ?? [])];
  }

  /** A parked event published at last leaves the list. */
  unpark(topic: string, eventId: string): void {
    this.parkedEvents.set(
      topic,
      this.parked(topic).filter((p) => p.eventId !== eventId),
    );
    this.write(async (c) => {
      await c.query(`DELETE FROM ${this.state.s}.relay_parked WHERE topic = $1 AND event_id = $2`, [topic, eventId]);
    });
  }

  /** In order behind the relay; a failed write is said, and the next holder publishes that batch again. */
  private write(work: Parameters<SharedState['transaction']>[0]): void {
    this.writes = this.writes.then(() =>
      this.state.transaction(work).then(
        () => undefined,
        (e: unknown) => this.warn(`the relay's checkpoint could not be written (${String(e)}); the next holder may publish a batch again`),
      ),
    );
  }

  /** Resolves once every move so far is written (or said to have failed). */
  settled(): Promise<void> {
    return this.writes;
  }

  close(): void {
    this.positions.clear();
    this.parkedEvents.clear();
  }
}
