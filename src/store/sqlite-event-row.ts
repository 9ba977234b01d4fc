/** A row of the embedded store's `events` table, as SQLite gives it back. */
export interface EventRow {
  position: number;
  event_id: string;
  stream: string;
  revision: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  metadata: string;
  data: string;
  prev_hash: string;
  hash: string;
}
