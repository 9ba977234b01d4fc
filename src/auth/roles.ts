export const ROLES = ['registrar', 'director', 'board', 'works-council', 'auditor', 'system'] as const;
export type Role = (typeof ROLES)[number];

/**
 * DESIGN.md's roles table, route by route, in one place. A POST that only asks a question
 * (the consent check) is a read for everyone who may see consents, and a command for the registrar.
 */
export const ACCESS = {
  command: ['registrar', 'director'],
  consents: ['director', 'board', 'auditor'],
  consentCheck: ['registrar', 'director', 'board', 'auditor'],
  access: ['director', 'board', 'auditor'],
  history: ['director', 'auditor'],
  export: ['director', 'auditor'],
  boardReport: ['director', 'board', 'auditor'],
  worksCouncilReport: ['director', 'board', 'works-council', 'auditor'],
  events: ['auditor', 'system'],
  audit: ['director', 'auditor'],
  purposes: ROLES,
} as const satisfies Record<string, readonly Role[]>;

/** Only these see names, birth dates and free text, and only in history and export. */
export const SEES_PERSONAL_DATA: readonly Role[] = ['director', 'auditor'];
