import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DocStore } from '../src/read-models/doc-store';
import { pupilsProjection } from '../projections/pupils.projection';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import { copyDataDir, recordAuditTimeline } from './support/audited-data-dir';
import { type LedgerApp, startLedger } from './support/ledger-app';
import { runLedger } from './support/ledger-cli';

/**
 * What an auditor and a parent get from a real data directory (see recordAuditTimeline): the
 * replay of the projections as of a moment, the export of a pupil's data and the consent receipt.
 * The verification of the log is in audit.e2e.spec.ts.
 */
let source: string;
let ledger: LedgerApp;

beforeAll(async () => {
  ledger = await startLedger();
  source = ledger.dataDir;
  await recordAuditTimeline(ledger);
});
afterAll(() => ledger.close());

/** A closed copy of the data directory, as an auditor would take it. */
const copy = async (keep?: (file: string) => boolean): Promise<string> => {
  await ledger.close();
  return copyDataDir(source, keep);
};

describe('replay', () => {
  it('rebuilds every projection as of a moment and equals the live as-of answers of that moment', async () => {
    const dir = await copy();
    const until = '2025-09-25T00:00:00.000Z';
    const knownAt = '2025-09-30T00:00:00.000Z';
    const out = join(dir, 'replay.db');
    const cli = await runLedger('--data-dir', dir, 'replay', '--until', until, '--known-at', knownAt, '--out', out);
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.out);
    expect(report.to).toBe(until);

    ledger = await startLedger(dir);
    const replayed = new DocStore(out);
    const pupilDoc = (id: string) => replayed.get<PupilState>(pupilsProjection.name, id)!;
    const { consentsAsOf } = await import('../projections/consents.view');
    const { pupilConsentsOf } = await import('../projections/pupil-consents.projection');
    const { DEFAULT_CATALOGUE } = await import('../src/ledger/domain/purposes');
    for (const id of ['a', 'b', 'c']) {
      const live = await ledger.as('auditor').get(`/pupils/${id}/consents?at=${until}&knownAt=${knownAt}`).expect(200);
      expect(consentsAsOf(pupilConsentsOf(pupilDoc(id)), DEFAULT_CATALOGUE, { at: until, knownAt })).toEqual(live.body.consents);
    }
    // The late paper withdrawal (dated 20 Sept, recorded 1 Oct) was not yet known on 30 Sept.
    expect(pupilDoc('b').consents.map((f: { kind: string }) => f.kind)).toEqual(['given']);
    // Pupil c's dossier was destroyed on 1 Oct: on 25 Sept it was still there.
    expect(pupilDoc('c').status).toBe('enrolled');
    // The board report has no record time: replayed with everything known, it equals the live one.
    const everything = await runLedger('--data-dir', dir, 'replay', '--until', until, '--out', join(dir, 'replay-all.db'));
    const liveBoard = await ledger.as('auditor').get(`/reports/board?to=${until}`).expect(200);
    expect(JSON.parse(everything.out).consentRates).toEqual(liveBoard.body.consentRates);
    expect(report.consentRates).not.toEqual(liveBoard.body.consentRates);
    await replayed.close();
    await ledger.close();
  });
});

describe('right of access and receipts', () => {
  beforeAll(async () => {
    ledger = await startLedger(await copy());
  });
  afterAll(() => ledger.close());

  it('exports everything about a pupil as JSON and as a page a parent can read', async () => {
    const json = await ledger.as('director').get('/pupils/a/export').expect(200);
    expect(json.body).toMatchObject({ pupilId: 'a', dossier: 'kept', personal: { name: 'Kind a' }, schoolId: 's-1' });
    expect(json.body.sharings).toEqual([expect.objectContaining({ recipientId: 'lib', recipientName: 'Bibliotheek', legalBasis: 'consent' })]);
    expect(json.body.events.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const html = await ledger.as('director').get('/pupils/a/export?format=html').expect(200).expect('content-type', /html/);
    expect(html.text).toContain('Kind a');
    expect(html.text).toContain('Bibliotheek');
    await ledger.as('board').get('/pupils/a/export').expect(403);
    await ledger.as('director').get('/pupils/nobody/export').expect(404);
  });

  it('exports a destroyed dossier with shredded markers and never the old name', async () => {
    const res = await ledger.as('auditor').get('/pupils/c/export').expect(200);
    expect(res.body).toMatchObject({ dossier: 'destroyed', personal: { shredded: true } });
    expect(JSON.stringify(res.body)).not.toContain('Kind c');
    const cli = await runLedger('--data-dir', ledger.dataDir, 'export', '--pupil', 'c', '--format', 'html');
    expect(cli.out).toContain('vernietigd');
  });

  it('gives a consent receipt in the ISO/IEC TS 27560 shape with DPV names and event hashes', async () => {
    const res = await ledger.as('board').get('/pupils/a/consents/share-library/receipt').expect(200);
    expect(res.body).toMatchObject({
      '@type': 'dpv:ConsentRecord',
      'dpv:hasConsentStatus': 'dpv:ConsentGiven',
      'dpv:hasDataSubject': { 'dpv:hasIdentifier': 'a' },
      'dpv:hasDataController': { 'dpv:hasIdentifier': 's-1' },
      'dpv:hasNotice': { 'dct:hasVersion': 'v2025-1' },
      'dpv:hasPurpose': {
        'dct:identifier': 'share-library',
        'dpv:hasPersonalData': ['identity', 'contact'],
        'dpv:hasRecipient': [expect.objectContaining({ 'dpv:hasName': 'Bibliotheek' })],
      },
      'dpv:isIndicatedBy': [expect.objectContaining({ 'dpv:hasIdentifier': 'a-mum' })],
    });
    expect(res.body['dct:hasPart']).toEqual([expect.objectContaining({ '@type': 'dpv:ConsentGiven', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });
});

afterAll(() => rmSync(source, { recursive: true, force: true }));
