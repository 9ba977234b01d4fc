import { readFileSync } from 'node:fs';
import { ID_PATTERN } from '../ledger/domain/ids';

/** A school as the register names it: for pages and the parent's export. */
export interface School {
  readonly name: string;
  /** Where a parent turns with a question, a withdrawal or an objection: e-mail, phone, address, in the school's words. */
  readonly contact: string;
}

const SCHOOL_ID = ID_PATTERN;

/** @throws Error naming the file and the entry that is not `{name, contact}` */
const parse = (file: string): Map<string, School> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`the school register ${file} cannot be read as JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`the school register ${file} must hold one JSON object: {"<schoolId>": {"name": "…", "contact": "…"}}`);
  const schools = new Map<string, School>();
  for (const [id, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const { name, contact } = (entry ?? {}) as Record<string, unknown>;
    if (!SCHOOL_ID.test(id) || typeof name !== 'string' || !name.trim() || typeof contact !== 'string' || !contact.trim())
      throw new Error(
        `the school register ${file}: the entry ${JSON.stringify(id).slice(0, 70)} is not a school id with {"name": "…", "contact": "…"} (both text)`,
      );
    schools.set(id, { name: name.trim(), contact: contact.trim() });
  }
  return schools;
};

/**
 * The school register (`LEDGER_SCHOOLS`, DESIGN "Beyond contract v1"): a JSON file mapping each
 * `schoolId` to `{"name": "…", "contact": "…"}`, read once at start; a malformed file stops the
 * start, naming the file and the entry. Without a file every school shows as its id. It is
 * configuration, not a fact of the ledger: nothing in it is recorded as an event.
 */
export class SchoolRegister {
  private constructor(private readonly schools: ReadonlyMap<string, School>) {}

  static readonly EMPTY = new SchoolRegister(new Map());

  /** @throws Error naming the file and what is wrong with it */
  static load(file: string | null): SchoolRegister {
    return file ? new SchoolRegister(parse(file)) : SchoolRegister.EMPTY;
  }

  /** The school, or null when the register does not name it. */
  school(schoolId: string | null): School | null {
    return schoolId === null ? null : (this.schools.get(schoolId) ?? null);
  }

  /** The school's name, or its id when the register does not name it. */
  name(schoolId: string): string {
    return this.schools.get(schoolId)?.name ?? schoolId;
  }

  /** Every school the register names. */
  ids(): string[] {
    return [...this.schools.keys()];
  }
}
