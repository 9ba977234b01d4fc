import { record } from '../../ledger/domain/testing/decider-spec';
import { activeUntil, purposeStatus, type ConsentFact } from './consent-status';
import { DAD, MUM, PUPIL, given, refused, withdrawn } from './pupil-fixtures';
import type { PupilEvent } from './pupil-events';
import { consentFactOf } from './pupil-state';

const facts = (events: (PupilEvent & { recordedAt?: string })[]): ConsentFact[] =>
  record<PupilEvent>(events).map((e) => consentFactOf(e as never) as ConsentFact);
const status = (events: (PupilEvent & { recordedAt?: string })[], at: string, purpose = 'share-library', knownAt?: string) =>
  purposeStatus(facts(events), purpose, PUPIL, { at, knownAt });

describe('rule 2: the status of a purpose at a moment', () => {
  it('is none when nothing was recorded: silence is not consent', () =>
    expect(status([], '2025-01-01T00:00:00Z')).toMatchObject({ status: 'none', since: null, eventIds: [] }));

  it('is active when one guardian consents and none says no', () =>
    expect(status([given(MUM, '2025-01-01T00:00:00.000Z')], '2025-02-01T00:00:00Z')).toMatchObject({
      status: 'active',
      since: '2025-01-01T00:00:00.000Z',
      until: null,
      noticeVersion: 'v1',
      eventIds: ['evt-1'],
    }));

  it('is conflicting when guardians disagree, with both decisions as proof', () => {
    const s = status([given(MUM, '2025-01-01T00:00:00.000Z'), refused(DAD, '2025-01-05T00:00:00.000Z')], '2025-02-01T00:00:00Z');
    expect(s).toMatchObject({ status: 'conflicting', since: '2025-01-05T00:00:00.000Z', eventIds: ['evt-1', 'evt-2'] });
    expect(s.guardians.map((g) => [g.guardianId, g.decision])).toEqual([
      [MUM, 'given'],
      [DAD, 'refused'],
    ]);
  });

  it('is refused when the only decision is a refusal', () =>
    expect(status([refused(MUM, '2025-01-01T00:00:00.000Z')], '2025-02-01T00:00:00Z').status).toBe('refused'));

  it('is withdrawn after the consenting guardian withdrew, and a withdrawal counts as their no', () => {
    const events = [given(MUM, '2025-01-01T00:00:00.000Z'), given(DAD, '2025-01-02T00:00:00.000Z'), withdrawn(DAD, '2025-03-01T00:00:00.000Z')];
    expect(status(events, '2025-04-01T00:00:00Z').status).toBe('conflicting');
    expect(status(events.slice(0, 1).concat(withdrawn(MUM, '2025-03-01T00:00:00.000Z')), '2025-04-01T00:00:00Z')).toMatchObject({
      status: 'withdrawn',
      since: '2025-03-01T00:00:00.000Z',
    });
  });

  it("ends the purpose on the pupil's own withdrawal, whatever the guardians said", () =>
    expect(
      status(
        [given(MUM, '2025-01-01T00:00:00.000Z'), given(DAD, '2025-01-01T00:00:00.000Z'), withdrawn(PUPIL, '2025-03-01T00:00:00.000Z')],
        '2025-04-01T00:00:00Z',
      ),
    ).toMatchObject({ status: 'withdrawn', eventIds: ['evt-3'] }));

  it("counts a guardian's consent given after the pupil withdrew again, against the pupil's standing no", () =>
    expect(
      status(
        [given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(PUPIL, '2025-03-01T00:00:00.000Z'), given(MUM, '2025-05-01T00:00:00.000Z')],
        '2025-06-01T00:00:00Z',
      ),
    ).toMatchObject({ status: 'conflicting', eventIds: ['evt-3', 'evt-2'] }));

  it('answers as of a business time before later decisions', () => {
    const events = [given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(MUM, '2025-03-01T00:00:00.000Z')];
    expect(status(events, '2025-02-01T00:00:00Z').status).toBe('active');
    expect(status(events, '2024-12-01T00:00:00Z').status).toBe('none');
  });

  it('answers what was known at a record time (bitemporal): a form recorded later was not yet known', () => {
    const events = [given(MUM, '2025-01-01T00:00:00.000Z'), { ...withdrawn(MUM, '2025-02-01T00:00:00.000Z'), recordedAt: '2025-02-10T00:00:00.000Z' }];
    expect(status(events, '2025-02-05T00:00:00Z', 'share-library', '2025-02-05T00:00:00Z').status).toBe('active');
    expect(status(events, '2025-02-05T00:00:00Z', 'share-library', '2025-02-10T00:00:00.000Z').status).toBe('withdrawn');
    expect(status(events, '2025-02-05T00:00:00Z').status).toBe('withdrawn');
  });

  it('orders decisions at the same business time by the order they were recorded', () =>
    expect(status([given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(MUM, '2025-01-01T00:00:00.000Z')], '2025-01-01T00:00:00Z').status).toBe('withdrawn'));
});

describe('rule 3: yearly consent lapses at the end of its school year', () => {
  const photo = given(MUM, '2025-09-10T00:00:00.000Z', 'photo-website');

  it('is active until 1 August 00:00 Amsterdam (31 July 22:00 UTC)', () => {
    expect(status([photo], '2026-07-31T21:59:59.999Z', 'photo-website')).toMatchObject({ status: 'active', until: '2026-07-31T22:00:00.000Z' });
    expect(status([photo], '2026-07-31T22:00:00.000Z', 'photo-website')).toMatchObject({ status: 'lapsed', since: '2026-07-31T22:00:00.000Z' });
  });

  it('lapses a consent given on 31 July at the next day, not a year later', () =>
    expect(status([given(MUM, '2026-07-31T10:00:00.000Z', 'photo-website')], '2026-08-01T10:00:00Z', 'photo-website').status).toBe('lapsed'));

  it('lets a consent given on 1 August run the whole new school year', () =>
    expect(status([given(MUM, '2026-07-31T22:30:00.000Z', 'photo-website')], '2027-07-01T00:00:00Z', 'photo-website').status).toBe('active'));

  it('lapses a consent at its own validUntil', () =>
    expect(status([given(MUM, '2025-01-01T00:00:00.000Z', 'share-library', { validUntil: '2025-06-01T00:00:00.000Z' })], '2025-06-02T00:00:00Z').status).toBe(
      'lapsed',
    ));

  it('is active again after a re-confirmation in the new year', () =>
    expect(status([photo, given(MUM, '2026-09-01T00:00:00.000Z', 'photo-website')], '2026-09-02T00:00:00Z', 'photo-website')).toMatchObject({
      status: 'active',
      since: '2026-09-01T00:00:00.000Z',
    }));
});

describe('activeUntil: when a consent a sharing rested on stopped holding', () => {
  it('is the withdrawal, the lapse, or null while it holds', () => {
    expect(activeUntil(facts([given(MUM, '2025-01-01T00:00:00.000Z')]), 'share-library', PUPIL, '2025-02-01T00:00:00.000Z')).toBeNull();
    expect(
      activeUntil(
        facts([given(MUM, '2025-01-01T00:00:00.000Z'), withdrawn(MUM, '2025-03-01T00:00:00.000Z')]),
        'share-library',
        PUPIL,
        '2025-02-01T00:00:00.000Z',
      ),
    ).toBe('2025-03-01T00:00:00.000Z');
    expect(activeUntil(facts([given(MUM, '2025-09-10T00:00:00.000Z', 'photo-website')]), 'photo-website', PUPIL, '2025-10-01T00:00:00.000Z')).toBe(
      '2026-07-31T22:00:00.000Z',
    );
  });
});
