/**
 * "Keys per school" (DESIGN, beyond contract v1): the schools an API key serves, or null for a key
 * that serves the whole board.
 */
export type Schools = readonly string[] | null;

/** Whether a key serving `schools` may see or act on something of `schoolId`. */
export const serves = (schools: Schools | undefined, schoolId: string | null | undefined): boolean =>
  schools === null || schools === undefined || (typeof schoolId === 'string' && schools.includes(schoolId));
