import { DEFAULT_CATALOGUE } from '../ledger/domain/purposes';
import { type Given, record } from '../ledger/domain/testing/decider-spec';
import { purposeStatus } from '../pupils/domain/consent-status';
import type { PupilEvent, RecordedPupilEvent } from '../pupils/domain/pupil-events';
import { DAD, MUM, PUPIL, destroyed, enrolled, given, refused, withdrawn } from '../pupils/domain/pupil-fixtures';
import { evolvePupil, initialPupilState } from '../pupils/domain/pupil-state';
import { consentCheck, consentsAsOf } from '../../projections/consents.view';
import { foldBatch } from './fold-batch';
import { type PupilConsents, pupilConsentsOf, pupilConsentsProjection } from '../../projections/pupil-consents.projection';

const recorded = (events: readonly Given<PupilEvent>[]) => record(events, `pupil-${PUPIL}`) as RecordedPupilEvent[];
const late = (e: PupilEvent, recordedAt: string) => ({ ...e, recordedAt });

// Paper forms typed in late and out of business-time order, two at one moment, a pupil's own withdrawal, a yearly photo consent.
const history = recorded([
  late(enrolled, '2024-08-20T08:00:00.000Z'),
  late(given(MUM, '2025-10-01T00:00:00.000Z'), '2025-10-02T00:00:00.000Z'),
  late(refused(DAD, '2025-09-01T00:00:00.000Z'), '2025-10-20T00:00:00.000Z'),
  late(given(DAD, '2025-10-01T00:00:00.000Z'), '2025-10-20T00:00:00.000Z'),
  late(given(MUM, '2025-09-15T00:00:00.000Z', 'photo-website'), '2025-11-01T00:00:00.000Z'),
  late(withdrawn(PUPIL, '2025-09-10T00:00:00.000Z', 'photo-website'), '2025-11-01T00:00:00.000Z'),
  late(given(MUM, '2025-09-01T00:00:00.000Z', 'no-longer-listed'), '2025-09-01T00:00:00.000Z'),
  late(withdrawn(MUM, '2025-09-20T00:00:00.000Z'), '2025-12-01T00:00:00.000Z'),
]);
const moments = ['2025-08-01T00:00:00.000Z', '2025-09-12T00:00:00.000Z', '2025-10-01T00:00:00.000Z', '2025-10-25T00:00:00.000Z', '2026-08-01T00:00:00.000Z'];

/** Folded in batches of `size`, as the runner does, through the same foldBatch. */
const folded = (events: readonly RecordedPupilEvent[], size: number): PupilConsents => {
  let doc: unknown;
  for (let i = 0; i < events.length; i += size) doc = foldBatch(pupilConsentsProjection, events.slice(i, i + size), () => doc).get(PUPIL);
  return doc as PupilConsents;
};

describe('the pupil-consents read model (issue 13)', () => {
  const whole = history.reduce(evolvePupil, initialPupilState);

  it.each([1, 3, 100])('answers as the whole pupil does at every (at, knownAt), folded %i events at a time', (size) => {
    const doc = folded(history, size);
    expect(doc).toEqual(pupilConsentsOf(whole));
    for (const at of moments)
      for (const knownAt of [...moments, undefined]) {
        const purposes = [...new Set([...DEFAULT_CATALOGUE.keys(), ...whole.consents.map((f) => f.purpose)])];
        expect(consentsAsOf(doc, DEFAULT_CATALOGUE, { at, knownAt })).toEqual(purposes.map((p) => purposeStatus(whole.consents, p, PUPIL, { at, knownAt })));
        const check = consentCheck(PUPIL, doc, 'share-library', at);
        expect(check.status).toBe(purposeStatus(whole.consents, 'share-library', PUPIL, { at }).status);
      }
  });

  it('keeps what the questions read and leaves the rest of the pupil out', () => {
    const doc = folded(history, 100);
    expect(Object.keys(doc.purposes[0].facts[0]).sort()).toEqual([
      'endsAt',
      'eventId',
      'guardianId',
      'kind',
      'noticeVersion',
      'occurredAt',
      'recordedAt',
      'revision',
    ]);
    expect(JSON.stringify(doc)).not.toContain('guardians');
    expect(doc.purposes.map((p) => p.purpose)).toEqual(['share-library', 'photo-website', 'no-longer-listed']);
    // In decision order, not record order: the refusal of 1 September comes before the consent of 1 October.
    expect(doc.purposes[0].facts.map((f) => f.occurredAt)).toEqual([
      '2025-09-01T00:00:00.000Z',
      '2025-09-20T00:00:00.000Z',
      '2025-10-01T00:00:00.000Z',
      '2025-10-01T00:00:00.000Z',
    ]);
  });

  it('knows the pupil from its enrolment and tells a destroyed dossier', () => {
    expect(consentCheck(PUPIL, undefined, 'share-library', moments[2]).status).toBe('unknown_pupil');
    const gone = folded(recorded([enrolled, given(MUM, '2025-10-01T00:00:00.000Z'), destroyed('2025-11-01T00:00:00.000Z')]), 1);
    expect(gone).toMatchObject({ status: 'destroyed', pupilId: PUPIL, schoolId: 's-1' });
    expect(consentCheck(PUPIL, gone, 'share-library', moments[3])).toEqual({ pupilId: PUPIL, allowed: false, status: 'destroyed', eventIds: [] });
  });
});
