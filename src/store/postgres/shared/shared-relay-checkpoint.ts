import type { SharedState } from './shared-state';

/**
 * The relay's checkpoint in PostgreSQL, one per topic for every instance: whichever instance holds
 * the relay's lease goes on from where the last holder got to. Read once when the lease is taken
 * (`load`); each move is written in order behind the relay (`set` answers at once, as the relay
 * expects of its checkpoint) and `settled` waits for the writes. A holder that dies with a move
 * unwritten leaves the checkpoint a batch behind: the next holder publishes that batch again
 * (at least once, as the relay always was), never skips one.
 */
export class SharedRelayCheckpoint {
  private readonly positions = new Map<string, string | null>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: SharedState,
    private readonly warn: (line: string) => void = () => undefined,
  ) {}

  async load(topic: string): Promise<void> {
    const rows = await this.state.query<{ position: string }>(`SELECT position FROM ${this.state.s}.relay_checkpoints WHERE topic = $1`, [topic]);
    this.positions.set(topic, rows[0]?.position ?? null);
  }

  get(topic: string): string | null {
    return this.positions.get(topic) ?? null;
  }

  set(topic: string, position: string): void {
    this.positions.set(topic, position);
    this.writes = this.writes.then(() =>
      this.state
        .query(`INSERT INTO ${this.state.s}.relay_checkpoints (topic, position) VALUES ($1, $2) ON CONFLICT (topic) DO UPDATE SET position = EXCLUDED.position`, [topic, position])
        .then(
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
  }
}
