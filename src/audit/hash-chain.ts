/** Kept so imports of the chain's old place still compile; the chain belongs to the store, in src/core. */
export * from '../core/hash-chain';
