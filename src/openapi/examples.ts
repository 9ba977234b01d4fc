import { OVERSIGHT_EXAMPLES } from './examples-oversight';
import { PUPIL_EXAMPLES } from './examples-pupils';
import { SHARING_EXAMPLES } from './examples-sharing';
import type { OperationExample } from './operation-example';

/**
 * The OpenAPI document's examples: one story, told in the order of their names, that a fresh
 * ledger answers as documented on any date — business times are left out (now) or lie in the past
 * on purposes that do not lapse. test/openapi.e2e.spec.ts sends every one and checks its status.
 * Told across one file per context; an example's name, not its file, gives its place in the story.
 */
export const EXAMPLES: Readonly<Record<string, readonly OperationExample[]>> = { ...PUPIL_EXAMPLES, ...SHARING_EXAMPLES, ...OVERSIGHT_EXAMPLES };
