import { DEFAULT_CATALOGUE } from '../src/ledger/domain/purposes';
import { type Given, record } from '../src/ledger/domain/testing/decider-spec';
import type { PupilEvent } from '../src/pupils/domain/pupil-events';
import { evolvePupil, initialPupilState, type PupilState } from '../src/pupils/domain/pupil-state';
import { type BoardReport, boardReport, defaultScope } from './board-report';
import { worksCouncilReport, worksCouncilScope } from './works-council-report';

const NOW = '2026-03-01T10:00:00.000Z';
const AS_OF = '2026-02-28T23:00:00.000Z'; // 1 March 00:00 Amsterdam
/** One family's refusal, the fact two reports must never be subtracted down to. */
const T = '2026-01-15T10:00:00.000Z';

type Fact = Given<PupilEvent>;
const pupil = (id: string, school: string, facts: Fact[] = []): PupilState =>
  record<PupilEvent>([
    {
      type: 'PupilEnrolled',
      occurredAt: '2025-08-20T00:00:00.000Z',
      data: { pupilId: id, schoolId: school, enrolledOn: '2025-08-20', guardians: [{ guardianId: `${id}-g`, relation: 'parent' }], personal: null },
    },
    ...facts,
  ]).reduce((s, e) => evolvePupil(s, e as never), initialPupilState);
const consent = (id: string, purpose = 'photo-website', at = '2025-09-01T00:00:00.000Z'): Fact => ({
  type: 'ConsentGiven',
  occurredAt: at,
  data: { pupilId: id, purpose, guardianId: `${id}-g`, noticeVersion: 'v1', channel: 'paper', validUntil: null, yearly: false },
});
const refusal = (id: string, purpose: string, at: string, recordedAt = at): Fact => ({
  type: 'ConsentRefused',
  occurredAt: at,
  recordedAt,
  data: { pupilId: id, purpose, guardianId: `${id}-g` },
});
const left = (id: string, leftOn: string): Fact => ({ type: 'PupilLeft', occurredAt: `${leftOn}T00:00:00.000Z`, data: { pupilId: id, leftOn } });
const destroyed = (id: string, at: string): Fact => ({
  type: 'DossierDestroyed',
  occurredAt: at,
  data: { pupilId: id, reason: 'retention_expired', retentionEndedOn: '2026-01-10', keyDestroyed: true },
});

const pupils = [
  // s-big: 12 pupils, 9 consent to photo-website, 3 refused it; one family refuses the newsletter at T.
  ...Array.from({ length: 12 }, (_, i) =>
    pupil(`big-${i}`, 's-big', [
      i < 9 ? consent(`big-${i}`) : refusal(`big-${i}`, 'photo-website', '2025-09-02T00:00:00.000Z'),
      ...(i === 0 ? [refusal('big-0', 'photo-newsletter', T)] : []),
    ]),
  ),
  // s-mid: 13 pupils, 8 consent: 15 and 10 once rounded, a rate of 67 %.
  ...Array.from({ length: 13 }, (_, i) => pupil(`mid-${i}`, 's-mid', i < 8 ? [consent(`mid-${i}`)] : [])),
  // s-small: 3 pupils, 2 consent.
  ...Array.from({ length: 3 }, (_, i) => pupil(`small-${i}`, 's-small', i < 2 ? [consent(`small-${i}`)] : [])),
  // s-old: 5 left two years ago, overdue; one destroyed after the cutoff, so still overdue as of it.
  ...Array.from({ length: 5 }, (_, i) =>
    pupil(`old-${i}`, 's-old', [left(`old-${i}`, '2024-01-10'), ...(i === 0 ? [destroyed('old-0', '2026-03-01T09:00:00.000Z')] : [])]),
  ),
];

const wc = (q: { schoolId?: string; from?: string; to?: string }, now = NOW, all = pupils) => {
  const scope = worksCouncilScope(q, now);
  return worksCouncilReport(boardReport(all, [], DEFAULT_CATALOGUE, scope.board), scope);
};
const row = (r: ReturnType<typeof wc>, schoolId: string, purpose: string) => r.consentRates.find((x) => x.schoolId === schoolId && x.purpose === purpose);

describe('rule 9: the works council’s figures', () => {
  const report = wc({});

  it('cover the running school year as of the end of the last whole month, and say so', () => {
    expect(report).toMatchObject({ schoolYears: ['2025-2026'], asOf: AS_OF, knownAt: AS_OF, from: '2025-07-31T22:00:00.000Z', to: '2026-02-28T22:59:59.999Z' });
  });

  it('widen any from/to to the whole school years it touches', () => {
    expect(worksCouncilScope({ from: '2024-10-10', to: '2025-09-05T12:00:00Z' }, NOW)).toMatchObject({
      schoolYears: ['2024-2025', '2025-2026'],
      board: { from: '2024-07-31T22:00:00.000Z', to: '2026-02-28T22:59:59.999Z' },
    });
    expect(worksCouncilScope({ to: '2025-03-01' }, NOW)).toMatchObject({ schoolYears: ['2024-2025'], board: { to: '2025-07-31T21:59:59.999Z' } });
    expect(worksCouncilScope({ from: '2027-01-01', to: '2028-01-01' }, NOW).schoolYears).toEqual(['2025-2026']);
  });

  it('round every count of 5 or more to the nearest 5, suppress 1–4, show 0', () => {
    const counts = [0, 1, 4, 5, 6, 7, 8, 12, 13, 1234];
    const board = {
      ...boardReport([], [], DEFAULT_CATALOGUE, defaultScope({}, NOW)),
      refusals: counts.map((count) => ({ schoolId: 's', schoolYear: 'y', purpose: 'p', count })),
    } as BoardReport;
    const shown = worksCouncilReport(board, { schoolYears: [], asOf: AS_OF }).refusals.map((r) => r.count);
    const S = { suppressed: true };
    expect(shown).toEqual([0, S, S, 5, 5, 5, 10, 10, 15, 1235]);
  });

  it('give rates in whole percents from the rounded counts', () =>
    expect(row(report, 's-mid', 'photo-website')).toMatchObject({ pupils: 15, active: 10, rate: 67 }));

  it('suppress a rate on a suppressed count, or whose complement in its row is 1–4', () => {
    expect(row(report, 's-small', 'photo-website')).toMatchObject({ pupils: { suppressed: true }, active: { suppressed: true }, rate: { suppressed: true } });
    // 9 of 12: rounded 10 of 10 would say 100 %, and the 3 who refused are fewer than 5.
    expect(row(report, 's-big', 'photo-website')).toMatchObject({ pupils: 10, active: 10, rate: { suppressed: true } });
    expect(row(report, 's-big', 'share-library')).toMatchObject({ pupils: 10, active: 0, rate: 0 });
  });

  it('hold no pupil id anywhere, and count destructions due and overdue as known at the cutoff', () => {
    const text = JSON.stringify(report);
    for (const p of pupils) expect(text).not.toContain(`"${p.pupilId}"`);
    expect(text).not.toContain('overduePupils');
    expect(text).not.toContain('duePupils');
    expect(report.destructions).toMatchObject({ overdue: 5, due: 0 });
    expect(boardReport(pupils, [], DEFAULT_CATALOGUE, defaultScope({}, NOW)).destructions.overdue).toBe(4);
  });
});

describe('rule 9: two reports can never be subtracted down to one family', () => {
  const second = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

  it('is what the board’s exact report would allow: to one second apart differ by that one refusal', () => {
    const exact = (to: string) => boardReport(pupils, [], DEFAULT_CATALOGUE, defaultScope({ to }, NOW)).refusals.find((r) => r.purpose === 'photo-newsletter');
    expect(exact(second(T, -1))).toBeUndefined();
    expect(exact(T)).toMatchObject({ count: 1 });
  });

  it('gives the works council the very same figures for to one second apart', () => expect(wc({ to: second(T, -1) })).toEqual(wc({ to: T })));

  it('gives the same figures for every from/to pair within the same school years, in the same month', () => {
    const moments = ['2025-08-01', '2025-09-02T00:00:00Z', second(T, -1), T, second(T, 1), '2026-02-28T23:59:59+01:00', '2026-03-01T09:00:00Z', NOW];
    const reference = wc({});
    for (const from of moments) for (const to of moments) expect([from, to, wc({ from, to })]).toEqual([from, to, reference]);
    for (const now of ['2026-03-01T00:00:00+01:00', '2026-03-15T12:00:00Z', '2026-03-31T23:59:59+02:00']) expect(wc({}, now)).toEqual(reference);
  });

  it('counts a fact recorded this month, even one dated last month, only from the next month on', () => {
    const late = [
      ...pupils.slice(1),
      pupil('big-0', 's-big', [consent('big-0'), refusal('big-0', 'photo-newsletter', '2026-02-10T10:00:00.000Z', '2026-03-01T09:00:00.000Z')]),
    ];
    expect(wc({}, NOW, late)).toEqual(wc({}, NOW, pupils.filter((p) => p.pupilId !== 'big-0').concat(pupil('big-0', 's-big', [consent('big-0')]))));
    expect(boardReport(late, [], DEFAULT_CATALOGUE, defaultScope({}, NOW)).refusals).toContainEqual(
      expect.objectContaining({ purpose: 'photo-newsletter', count: 1 }),
    );
    expect(wc({}, '2026-04-02T10:00:00.000Z', late).refusals).toContainEqual(
      expect.objectContaining({ purpose: 'photo-newsletter', count: { suppressed: true } }),
    );
  });
});
