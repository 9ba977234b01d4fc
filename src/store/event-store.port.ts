/** Kept so imports of the port's old place still compile; the port lives in src/core/ports. */
export * from '../core/ports/event-store.port';
