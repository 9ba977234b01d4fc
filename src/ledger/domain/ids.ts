/**
 * The shapes of the ids a client chooses, in one place. Ids are pseudonyms: short tokens, never a
 * name (rule 7). An id may not be the name of a member every JavaScript object has (`constructor`,
 * `toString`, `__proto__` …): ids become keys of the ledger's own tables and lookups, where such a
 * name would find the language's member instead of nothing.
 */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype).join('|');

/** A pseudonymous id (pupil, guardian, school, recipient, agreement, sharing): 1–64 letters, digits or `._:-`. */
export const ID_PATTERN = new RegExp(`^(?!(?:${OBJECT_MEMBERS})$)[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$`);

/** A short token (a purpose, a notice version): 1–40 lower-case letters, digits or `._-`. */
export const TOKEN_PATTERN = new RegExp(`^(?!(?:${OBJECT_MEMBERS})$)[a-z0-9][a-z0-9._-]{0,39}$`);

export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);
