import type { Projection } from '../../../projections/projection';

/** Counts `Counted` events per stream. Lives in a module of its own: the fold thread loads projections by file. */
const counter = (version: number): Projection<{ count: number }> => ({
  name: 'counter',
  version,
  handles: ['Counted'],
  keys: (e) => [e.stream],
  initial: () => ({ count: 0 }),
  evolve: (doc) => ({ count: doc.count + 1 }),
});

export const COUNTER_V1 = [counter(1)];
export const COUNTER_V2 = [counter(2)];

let failOnce = true;
/** The counter under another name, whose first fold in a thread throws, as a read model that is briefly unavailable. */
export const FLAKY = [
  {
    ...counter(1),
    name: 'flaky',
    evolve: (doc: { count: number }) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('read model unavailable');
      }
      return { count: doc.count + 1 };
    },
  },
];
