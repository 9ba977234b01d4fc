export const ROLES = ['registrar', 'director', 'board', 'works-council', 'auditor', 'system'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route does, in the terms of DESIGN.md's roles table. Every route names one (`@Allow`), and
 * the authorization matrix test names one per route too, so a route on the wrong kind is caught.
 */
export const ROUTE_KINDS = [
  'pupilCommand',
  'registerCommand',
  'consents',
  'consentCheck',
  'access',
  'history',
  'export',
  'boardReport',
  'worksCouncilReport',
  'events',
  'audit',
  'seal',
  'purposes',
  'reads',
  'metrics',
] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/** Commands about a pupil (a data sharing is one per pupil), and about the board's register. */
const COMMANDS: readonly RouteKind[] = ['pupilCommand', 'registerCommand'];
/** Every read; the consent check is a POST that only asks, so it is a read. */
const READS: readonly RouteKind[] = [
  'consents',
  'consentCheck',
  'access',
  'history',
  'export',
  'boardReport',
  'worksCouncilReport',
  'events',
  'audit',
  'purposes',
];

/** DESIGN.md's roles table, row by row, in its own words. */
export const ROLE_TABLE: Readonly<Record<Role, readonly RouteKind[]>> = {
  // every command, and the consent check
  registrar: [...COMMANDS, 'consentCheck'],
  // every command, and every read but /events (and sealing a checkpoint, as the auditor)
  director: [...COMMANDS, ...READS.filter((k) => k !== 'events'), 'seal'],
  // reports, access, consents, the consent check, purposes
  board: ['boardReport', 'worksCouncilReport', 'access', 'consents', 'consentCheck', 'purposes'],
  // its own report and the purposes, nothing else
  'works-council': ['worksCouncilReport', 'purposes'],
  // every read, and sealing a checkpoint; never a command. Alone to list who read a pupil's personal data;
  // with `system`, the operational metrics
  auditor: [...READS, 'seal', 'reads', 'metrics'],
  // /events and the purposes, and the operational metrics
  system: ['events', 'purposes', 'metrics'],
};

/**
 * "Keys per school": a key that names schools may not use these; they concern the whole board.
 * The register (recipients, agreements) and the purposes are changed only with a key without schools;
 * the audit trail verifies and seals every school's events, so it is the whole board's too; and the
 * metrics count every school's commands.
 */
export const BOARD_WIDE: readonly RouteKind[] = ['registerCommand', 'audit', 'seal', 'metrics'];

export interface RouteAccess {
  readonly kind: RouteKind;
  readonly roles: readonly Role[];
  /** Only a key without schools may call it. */
  readonly boardWide: boolean;
}

/** Who may call each kind of route, derived from the one table above. */
export const ACCESS: Readonly<Record<RouteKind, RouteAccess>> = Object.fromEntries(
  ROUTE_KINDS.map((kind): [RouteKind, RouteAccess] => [
    kind,
    { kind, roles: ROLES.filter((r) => ROLE_TABLE[r].includes(kind)), boardWide: BOARD_WIDE.includes(kind) },
  ]),
) as Record<RouteKind, RouteAccess>;

/** Only these see names, birth dates and free text, and only in history and export. */
export const SEES_PERSONAL_DATA: readonly Role[] = ['director', 'auditor'];
