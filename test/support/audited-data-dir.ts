import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LedgerApp, consentBody, enrolBody } from './ledger-app';

/**
 * Makes the data directory the auditor's suites take their copies from, through the API.
 * Timeline (business = record time unless said): enrolments 1 Sept 2025, consents, a sharing,
 * a late paper withdrawal, one dossier destroyed, a checkpoint, then a few events after it.
 */
export const recordAuditTimeline = async (ledger: LedgerApp): Promise<void> => {
  const at = (t: string) => (ledger.clock.current = t);
  const registrar = () => ledger.as('registrar');
  at('2025-09-01T08:00:00.000Z');
  for (const id of ['a', 'b', 'c'])
    await registrar()
      .post('/pupils', enrolBody(id, { personal: { name: `Kind ${id}` } }))
      .expect(201);
  await registrar()
    .post('/recipients', { recipientId: 'lib', name: 'Bibliotheek', kind: 'third_party', purpose: 'share-library', dataCategories: ['identity'] })
    .expect(201);
  at('2025-09-05T08:00:00.000Z');
  for (const id of ['a', 'b']) await registrar().post(`/pupils/${id}/consents`, consentBody(id, 'share-library')).expect(201);
  await registrar().post(`/pupils/a/consents`, consentBody('a', 'photo-website')).expect(201);
  at('2025-09-10T08:00:00.000Z');
  await registrar()
    .post('/data-sharings', { recipientId: 'lib', pupilIds: ['a', 'b'], dataCategories: ['identity'], legalBasis: 'consent' })
    .expect(201);
  at('2025-10-01T08:00:00.000Z');
  await registrar().post('/pupils/b/consents/share-library/withdrawal', { guardianId: 'b-mum', withdrawnAt: '2025-09-20T00:00:00Z' }).expect(201);
  await registrar().post('/pupils/c/dossier-destruction', { reason: 'erasure_request' }).expect(201);
  await ledger.as('auditor').post('/audit/checkpoints').expect(201);
  at('2025-10-02T08:00:00.000Z');
  await registrar().post('/pupils/a/consents/photo-website/refusal', { guardianId: 'a-dad' }).expect(201);
};

/** A copy of a closed data directory (the files `keep` accepts), as an auditor would take it; the caller closes the ledger first. */
export const copyDataDir = (source: string, keep: (file: string) => boolean = () => true): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-audit-copy-'));
  for (const f of readdirSync(source)) if (keep(f)) cpSync(join(source, f), join(dir, f));
  return dir;
};
