import type { ProjectionSource } from './fold-messages';

/**
 * The ledger's projections (projections/index.ts), named by file rather than handed over: the fold
 * thread loads them itself, as functions do not cross threads. From the build this resolves to the
 * compiled `.js`, from the sources (the tests) to the `.ts`.
 */
export const LEDGER_PROJECTIONS: ProjectionSource = { file: require.resolve('../../projections'), exportName: 'PROJECTIONS' };
