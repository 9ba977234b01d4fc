import { readFileSync } from 'node:fs';

/** A school as the register names it: for pages and the parent's export. */
export interface School {
  readonly name: string;
  /** Where a parent turns with a question, a withdrawal or an objection: e-mail, phone, address, in the school's words. */
  readonly contact: string;
}

/**
 * The school register (`LEDGER_SCHOOLS`, DESIGN "Beyond contract v1"): a JSON file mapping each
 * `schoolId` to `{"name": "…", "contact": "…"}`. Read once at start; a file that is not that is
 * refused at start, naming the file and the entry. Without a file every school shows as its id.
 */
export class SchoolRegister {
  private constructor(private readonly schools: ReadonlyMap<string, School>) {}

  static readonly EMPTY = new SchoolRegister(new Map());

  /** @throws Error naming the file and what is wrong with it */
  static load(file: string | null): SchoolRegister {
    if (!file) return SchoolRegister.EMPTY;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`the school register ${file} cannot be read as JSON: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`the school register ${file} must be a JSON object of schoolId → {name, contact}`);
    const schools = new Map<string, School>();
    for (const [id, entry] of Object.entries(parsed as Record<string, unknown>)) {
      const { name, contact } = (entry ?? {}) as Record<string, unknown>;
      if (typeof name !== 'string' || !name.trim() || typeof contact !== 'string' || !contact.trim())
        throw new Error(`the school register ${file} names school ${id} without a name and a contact (both text)`);
      schools.set(id, { name: name.trim(), contact: contact.trim() });
    }
    return new SchoolRegister(schools);
  }

  /** The school, or null when the register does not name it. */
  school(schoolId: string | null): School | null {
    return schoolId === null ? null : (this.schools.get(schoolId) ?? null);
  }
}
