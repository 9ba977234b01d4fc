import { DEFAULT_CATALOGUE } from '../src/ledger/domain/purposes';
import { record } from '../src/ledger/domain/testing/decider-spec';
import type { PupilEvent } from '../src/pupils/domain/pupil-events';
import { evolvePupil, initialPupilState, type PupilState } from '../src/pupils/domain/pupil-state';
import { boardReport, defaultScope } from './board-report';

const NOW = '2026-03-01T10:00:00.000Z';
const pupil = (id: string, school: string, extra: PupilEvent[] = []): PupilState =>
  record<PupilEvent>([
    {
      type: 'PupilEnrolled',
      occurredAt: '2025-08-20T00:00:00.000Z',
      data: { pupilId: id, schoolId: school, enrolledOn: '2025-08-20', guardians: [{ guardianId: `${id}-g`, relation: 'parent' }], personal: null },
    },
    ...extra,
  ]).reduce((s, e) => evolvePupil(s, e as never), initialPupilState);
const consent = (id: string, purpose = 'photo-website'): PupilEvent => ({
  type: 'ConsentGiven',
  occurredAt: '2025-09-01T00:00:00.000Z',
  data: { pupilId: id, purpose, guardianId: `${id}-g`, noticeVersion: 'v1', channel: 'paper', validUntil: null, yearly: true },
});
const refusal = (id: string, purpose = 'photo-website'): PupilEvent => ({
  type: 'ConsentRefused',
  occurredAt: '2025-09-02T00:00:00.000Z',
  data: { pupilId: id, purpose, guardianId: `${id}-g` },
});
const left = (id: string, leftOn: string): PupilEvent => ({ type: 'PupilLeft', occurredAt: `${leftOn}T00:00:00.000Z`, data: { pupilId: id, leftOn } });

/** 12 pupils at s-big (9 consent to photo-website, 3 refuse), 3 at s-small (2 consent). */
const pupils = [
  ...Array.from({ length: 12 }, (_, i) => pupil(`big-${i}`, 's-big', [i < 9 ? consent(`big-${i}`) : refusal(`big-${i}`)])),
  ...Array.from({ length: 3 }, (_, i) => pupil(`small-${i}`, 's-small', i < 2 ? [consent(`small-${i}`)] : [])),
  // Left long ago at s-big: overdue for destruction.
  pupil('gone', 's-big', [left('gone', '2025-09-01')]),
];
const scope = defaultScope({ to: NOW }, NOW);

describe('board report', () => {
  const report = boardReport(pupils, [], DEFAULT_CATALOGUE, { ...scope, now: '2027-10-01T00:00:00.000Z', to: NOW });

  it('gives consent rates per school, school year and purpose at the moment judged', () => {
    const big = report.consentRates.find((r) => r.schoolId === 's-big' && r.purpose === 'photo-website');
    expect(big).toEqual({ schoolId: 's-big', schoolYear: '2025-2026', purpose: 'photo-website', pupils: 12, active: 9, rate: 0.75 });
    const small = report.consentRates.find((r) => r.schoolId === 's-small' && r.purpose === 'photo-website');
    expect(small).toMatchObject({ pupils: 3, active: 2, rate: 0.667 });
  });

  it('counts refusals in the period and lists destructions overdue', () => {
    expect(report.refusals).toEqual([{ schoolId: 's-big', schoolYear: '2025-2026', purpose: 'photo-website', count: 3 }]);
    expect(report.destructions).toMatchObject({ overdue: 1, overduePupils: [{ pupilId: 'gone', schoolId: 's-big', retentionEndedOn: '2027-09-01' }] });
  });

  it('lists the dossiers due within 90 days soonest first, beside those overdue, each once', () => {
    const soon = [pupil('later', 's-big', [left('later', '2025-12-01')]), pupil('sooner', 's-small', [left('sooner', '2025-11-15')])];
    // On 1 October 2027 the retention of 'sooner' ends in 45 days, of 'later' in 61; of 'gone' it ended a month ago.
    const r = boardReport([...pupils, ...soon], [], DEFAULT_CATALOGUE, { ...scope, now: '2027-10-01T00:00:00.000Z', to: NOW });
    expect(r.destructions.duePupils).toEqual([
      { pupilId: 'sooner', schoolId: 's-small', retentionEndedOn: '2027-11-15' },
      { pupilId: 'later', schoolId: 's-big', retentionEndedOn: '2027-12-01' },
    ]);
    expect(r.destructions).toMatchObject({ due: 2, overdue: 1 });
    expect(r.destructions.overduePupils.map((p) => p.pupilId)).toEqual(['gone']);
  });

  it('narrows to one school', () =>
    expect(new Set(boardReport(pupils, [], DEFAULT_CATALOGUE, { ...scope, schoolId: 's-small' }).consentRates.map((r) => r.schoolId))).toEqual(
      new Set(['s-small']),
    ));
});
