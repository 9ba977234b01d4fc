/** The most entries an error's `details` holds: a refusal of 10,000 pupils names the first ones and counts the rest. */
export const MAX_DETAILS = 100;

/**
 * `details` cut to MAX_DETAILS entries; when cut, the last entry says how many more problems there
 * were (`field` "…"), so that the list stays a list of problems and its length stays bounded.
 */
export const cappedDetails = <T extends object>(details: readonly T[]): (T | { field: string; problem: string })[] =>
  details.length <= MAX_DETAILS
    ? [...details]
    : [...details.slice(0, MAX_DETAILS - 1), { field: '…', problem: `and ${details.length - (MAX_DETAILS - 1)} more problems, not listed` }];

/** Field names for a one-line message: the first ten, then how many more. */
export const fieldList = (fields: readonly string[]): string =>
  fields.length <= 10 ? fields.join(', ') : `${fields.slice(0, 10).join(', ')} and ${fields.length - 10} more`;
