import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerApp } from '../support/ledger-app';

/**
 * A small board for the pages' tests: two schools in the register, nineteen pupils with the
 * decisions, sharings, departures and destructions the pages show — among them a sharing whose
 * basis had ended before it was made (a withdrawal typed in later), a dossier past its retention,
 * one due soon, and one destroyed. Recorded on 15 January 2026; the pages are read from 2 March on.
 */
export const RECORDED = '2026-01-15T10:00:00.000Z';
export const READ = '2026-03-02T10:00:00.000Z';

export const SCHOOLS = { regenboog: 's-regenboog', anker: 's-anker' } as const;
export const SCHOOL_NAMES: Record<string, string> = { [SCHOOLS.regenboog]: 'De Regenboog', [SCHOOLS.anker]: 'Het Anker' };

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
export const REGENBOOG = ids('rb', 12);
export const ANKER = ids('ak', 7);
export const ALL_PUPILS = [...REGENBOOG, ...ANKER];
/** The name of rb-03, which only the director and the auditor see (in the history). */
export const NAMED = { pupilId: 'rb-03', name: 'Anna de Vries' };

/** The school register file LEDGER_SCHOOLS names. */
export const writeSchoolRegister = (dir: string): string => {
  const file = join(dir, 'schools.json');
  const entries = Object.fromEntries(Object.entries(SCHOOL_NAMES).map(([id, name]) => [id, { name, contact: `privacy@${id}.example` }]));
  writeFileSync(file, JSON.stringify(entries));
  return file;
};

export const buildWorld = async (ledger: LedgerApp): Promise<void> => {
  ledger.clock.current = RECORDED;
  const reg = ledger.as('registrar');
  const ok = async (path: string, body: object) => {
    const res = await reg.post(path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const enrol = (pupilId: string, schoolId: string, enrolledOn = '2024-08-26', personal?: object) =>
    ok('/pupils', {
      pupilId,
      schoolId,
      enrolledOn,
      guardians: [
        { guardianId: `${pupilId}-mum`, relation: 'parent' },
        { guardianId: `${pupilId}-dad`, relation: 'parent' },
      ],
      ...(personal ? { personal } : {}),
    });
  const consent = (pupilId: string, purpose: string, givenAt: string, guardian = 'mum') =>
    ok(`/pupils/${pupilId}/consents`, { purpose, guardianId: `${pupilId}-${guardian}`, givenAt, noticeVersion: 'v2025-1', channel: 'paper' });
  const refuse = (pupilId: string, purpose: string, refusedAt: string, guardian = 'mum') =>
    ok(`/pupils/${pupilId}/consents/${purpose}/refusal`, { guardianId: `${pupilId}-${guardian}`, refusedAt });

  for (const p of REGENBOOG) await enrol(p, SCHOOLS.regenboog, '2024-08-26', p === NAMED.pupilId ? { name: NAMED.name, birthDate: '2017-05-04' } : undefined);
  for (const p of ANKER.slice(0, 5)) await enrol(p, SCHOOLS.anker);
  // Two who left long ago: one past the end of retention, one whose retention ends within 90 days.
  await enrol('ak-06', SCHOOLS.anker, '2019-08-26');
  await enrol('ak-07', SCHOOLS.anker, '2019-08-26');
  await ok('/pupils/ak-06/departure', { leftOn: '2024-02-01' });
  await ok('/pupils/ak-07/departure', { leftOn: '2024-04-15' });

  // Photos on the website: last school year and this one.
  for (const p of REGENBOOG.slice(0, 6)) await consent(p, 'photo-website', '2024-09-02T09:00:00+02:00');
  await refuse('rb-05', 'photo-website', '2024-09-03T09:00:00+02:00', 'dad');
  for (const p of REGENBOOG.slice(0, 9)) await consent(p, 'photo-website', '2025-09-01T09:00:00+02:00');
  await refuse('rb-10', 'photo-website', '2025-09-05T09:00:00+02:00');
  await consent('rb-11', 'photo-website', '2025-09-01T09:00:00+02:00');
  await refuse('rb-11', 'photo-website', '2025-09-02T09:00:00+02:00', 'dad');
  for (const p of ANKER.slice(0, 4)) await consent(p, 'photo-website', '2025-09-08T09:00:00+02:00');

  // The library, on consent; DUO, on the law; a publisher, as processor.
  await ok('/recipients', {
    recipientId: 'bibliotheek',
    name: 'Openbare Bibliotheek',
    kind: 'third_party',
    purpose: 'share-library',
    dataCategories: ['identity', 'contact'],
  });
  await ok('/recipients', {
    recipientId: 'duo',
    name: 'DUO',
    kind: 'authority',
    dataCategories: ['identity', 'school-results'],
    legalReferences: ['WPO art. 178a'],
  });
  await ok('/recipients', { recipientId: 'uitgever', name: 'Uitgeverij Leerlijn', kind: 'processor', dataCategories: ['identity', 'login-minimal'] });
  await ok('/recipients/uitgever/agreements', { agreementId: 'vo-2025', validFrom: '2025-08-01', dataCategories: ['identity', 'login-minimal'] });
  for (const p of REGENBOOG.slice(0, 6)) await consent(p, 'share-library', '2025-09-01T09:00:00+02:00');
  await ok('/data-sharings', {
    recipientId: 'bibliotheek',
    pupilIds: REGENBOOG.slice(0, 6),
    dataCategories: ['identity', 'contact'],
    legalBasis: 'consent',
    sharedAt: '2025-10-01T10:00:00+02:00',
  });
  await ok('/data-sharings', {
    recipientId: 'duo',
    pupilIds: [...REGENBOOG, ...ANKER.slice(0, 5)],
    dataCategories: ['identity'],
    legalBasis: 'legal_obligation',
    legalReference: 'WPO art. 178a',
    sharedAt: '2025-10-01T12:00:00+02:00',
  });
  await ok('/data-sharings', {
    recipientId: 'uitgever',
    pupilIds: ANKER.slice(0, 5),
    dataCategories: ['login-minimal'],
    legalBasis: 'processor_agreement',
    sharedAt: '2025-09-15T10:00:00+02:00',
  });
  // Typed in after the sharing, dated before it: the library got rb-03's details without basis (rule 13).
  await ok(`/pupils/${NAMED.pupilId}/consents/share-library/withdrawal`, { guardianId: `${NAMED.pupilId}-mum`, withdrawnAt: '2025-09-20T12:00:00+02:00' });
  // A withdrawal after the sharing ends the library's access to rb-02 on 15 November.
  await ok('/pupils/rb-02/consents/share-library/withdrawal', { guardianId: 'rb-02-mum', withdrawnAt: '2025-11-15T12:00:00+01:00' });
  // An erasure on request.
  await ok('/pupils/ak-05/dossier-destruction', { reason: 'erasure_request', destroyedAt: '2025-12-01T10:00:00+01:00' });
  ledger.clock.current = READ;
};
