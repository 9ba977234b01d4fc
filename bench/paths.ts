import { join, sep } from 'node:path';

/** The repository root, whether this runs compiled (dist/bench) or from source (tests). */
export const ROOT = __dirname.includes(`${sep}dist${sep}`) ? join(__dirname, '..', '..') : join(__dirname, '..');

/** The compiled bench: child processes run from there. */
export const COMPILED = join(ROOT, 'dist', 'bench');
