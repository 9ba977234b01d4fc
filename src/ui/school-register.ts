import { readFileSync } from 'node:fs';
import { LedgerConfig } from '../config/ledger-config';

export interface SchoolEntry {
  readonly name: string;
  /** Where parents and staff turn with privacy questions: an address, a phone number, a mail box. */
  readonly contact: string | null;
}

const SCHOOL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const parse = (file: string): Map<string, SchoolEntry> => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`LEDGER_SCHOOLS names ${file}, which cannot be read as JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file} must hold one JSON object: {"<schoolId>": {"name": "…", "contact": "…"}}`);
  const schools = new Map<string, SchoolEntry>();
  for (const [id, entry] of Object.entries(json)) {
    const e = entry as { name?: unknown; contact?: unknown } | null;
    if (!SCHOOL_ID.test(id) || !e || typeof e.name !== 'string' || !e.name.trim() || (e.contact !== undefined && typeof e.contact !== 'string'))
      throw new Error(`${file}: the entry ${JSON.stringify(id).slice(0, 70)} is not a school id with {"name": "…", "contact"?: "…"}`);
    schools.set(id, { name: e.name.trim(), contact: e.contact?.trim() || null });
  }
  return schools;
};

/**
 * The school register (DESIGN, "Beyond contract v1"): the name and contact point of each school,
 * from the JSON file LEDGER_SCHOOLS names, read once at start (a malformed file stops the start,
 * naming it). Without it, pages show school ids. It is configuration, not a fact of the ledger:
 * nothing in it is recorded as an event.
 */
export class SchoolRegister {
  private constructor(private readonly schools: ReadonlyMap<string, SchoolEntry>) {}

  static of(config: LedgerConfig): SchoolRegister {
    return new SchoolRegister(config.schoolsFile ? parse(config.schoolsFile) : new Map());
  }

  entry(schoolId: string): SchoolEntry | undefined {
    return this.schools.get(schoolId);
  }

  /** The school's name, or its id when the register does not name it. */
  name(schoolId: string): string {
    return this.schools.get(schoolId)?.name ?? schoolId;
  }

  ids(): string[] {
    return [...this.schools.keys()];
  }
}
