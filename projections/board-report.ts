import type { PurposeCatalogue } from '../src/ledger/domain/purposes';
import { isoOf, ms, schoolYearBegin, schoolYearEnd, schoolYearLabel, schoolYearStart, startOfDayMs } from '../src/ledger/domain/time';
import { purposeStatus } from '../src/pupils/domain/consent-status';
import { retentionEnd } from '../src/pupils/domain/pupil-policies';
import type { PupilState } from '../src/pupils/domain/pupil-state';
import { pupilAsKnownAt, sharingsAsKnownAt } from './known-at';
import type { RecipientState } from '../src/recipients/domain/recipient-state';
import { type SharingWithoutBasis, sharingsWithoutBasis } from './sharings-without-basis';
import type { SharingLine } from './sharings.projection';

export interface ReportScope {
  readonly schoolId?: string;
  readonly from: string;
  readonly to: string;
  readonly now: string;
  /** Record time: count only what was recorded by then (inclusive); everything when absent. */
  readonly knownAt?: string;
}

export interface ConsentRateRow {
  readonly schoolId: string;
  readonly schoolYear: string;
  readonly purpose: string;
  /** Pupils enrolled at the moment the year is judged: its end, or `to` if earlier. */
  readonly pupils: number;
  readonly active: number;
  readonly rate: number | null;
}

export interface CountRow {
  readonly schoolId: string;
  readonly schoolYear: string;
  readonly purpose: string;
  readonly count: number;
}

export interface SharingRow {
  readonly schoolId: string;
  readonly legalBasis: string;
  readonly recipientId: string;
  readonly count: number;
}

/** A dossier kept after the pupil left, and the Dutch calendar day its retention ends (rule 8). */
export interface DossierToDestroy {
  readonly pupilId: string;
  readonly schoolId: string;
  readonly retentionEndedOn: string;
}

export interface BoardReport {
  readonly schoolId: string | null;
  readonly from: string;
  readonly to: string;
  readonly consentRates: readonly ConsentRateRow[];
  readonly refusals: readonly CountRow[];
  readonly withdrawals: readonly CountRow[];
  readonly sharings: readonly SharingRow[];
  readonly destructions: {
    readonly destroyed: { readonly retention_expired: number; readonly erasure_request: number };
    /** Retention ends within the next 90 days. */
    readonly due: number;
    readonly overdue: number;
    /** The pupils whose retention has ended (00:00 Amsterdam of `retentionEndedOn`, rule 8) and whose dossier still stands. */
    readonly overduePupils: readonly DossierToDestroy[];
    /** The pupils counted in `due`, soonest first: what the board acts on next. */
    readonly duePupils: readonly DossierToDestroy[];
  };
  /** Rule 13: sharings in the period whose basis had already ended when they were made. */
  readonly sharingsWithoutBasis: readonly SharingWithoutBasis[];
}

const DUE_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;
const within = (t: string, s: ReportScope) => ms(t) >= ms(s.from) && ms(t) <= ms(s.to);
/** Enrolled from 00:00 Amsterdam of `enrolledOn` until 00:00 Amsterdam of `leftOn`. */
const enrolledAt = (p: PupilState, at: string) =>
  p.enrolledOn !== null && startOfDayMs(p.enrolledOn) <= ms(at) && (!p.left || startOfDayMs(p.left.leftOn) > ms(at));

const schoolYearsIn = (s: ReportScope): { label: string; judgedAt: string }[] => {
  const years: { label: string; judgedAt: string }[] = [];
  for (let y = schoolYearStart(s.from); y <= schoolYearStart(s.to); y++) {
    const end = isoOf(ms(schoolYearEnd(y)) - 1);
    years.push({ label: `${y}-${y + 1}`, judgedAt: ms(end) < ms(s.to) ? end : s.to });
  }
  return years;
};

const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};

const decisionsOf = (pupils: readonly PupilState[], kind: 'refused' | 'withdrawn', s: ReportScope): CountRow[] =>
  [
    ...countBy(
      pupils.flatMap((p) =>
        p.consents.filter((f) => f.kind === kind && within(f.occurredAt, s)).map((f) => [p.schoolId, schoolYearLabel(f.occurredAt), f.purpose].join('|')),
      ),
      (k) => k,
    ),
  ].map(([k, count]) => {
    const [schoolId, schoolYear, purpose] = k.split('|');
    return { schoolId, schoolYear, purpose, count };
  });

/** The board's questions, over every school or one: all counts, no personal data. */
export const boardReport = (
  recordedPupils: readonly PupilState[],
  recordedSharings: readonly SharingLine[],
  catalogue: PurposeCatalogue,
  s: ReportScope,
  recipients: readonly RecipientState[] = [],
): BoardReport => {
  const allPupils = s.knownAt ? recordedPupils.map((p) => pupilAsKnownAt(p, s.knownAt!)) : recordedPupils;
  const sharings = s.knownAt ? sharingsAsKnownAt(recordedSharings, s.knownAt) : recordedSharings;
  const pupils = allPupils.filter((p) => p.status !== 'unknown' && (!s.schoolId || p.schoolId === s.schoolId));
  const schools = [...new Set(pupils.map((p) => p.schoolId as string))].sort();
  const consentRates = schools.flatMap((schoolId) =>
    schoolYearsIn(s).flatMap(({ label, judgedAt }) => {
      const enrolled = pupils.filter((p) => p.schoolId === schoolId && enrolledAt(p, judgedAt));
      return [...catalogue.keys()].map((purpose) => {
        const active = enrolled.filter((p) => purposeStatus(p.consents, purpose, p.pupilId as string, { at: judgedAt }).status === 'active').length;
        const rate = enrolled.length ? Math.round((active / enrolled.length) * 1000) / 1000 : null;
        return { schoolId, schoolYear: label, purpose, pupils: enrolled.length, active, rate };
      });
    }),
  );
  const schoolOf = new Map(pupils.map((p) => [p.pupilId as string, p.schoolId as string]));
  const shared = sharings.filter((l) => schoolOf.has(l.pupilId) && within(l.sharedAt, s));
  const sharingRows = [...countBy(shared, (l) => [schoolOf.get(l.pupilId), l.legalBasis, l.recipientId].join('|'))].map(([k, count]) => {
    const [schoolId, legalBasis, recipientId] = k.split('|');
    return { schoolId, legalBasis, recipientId, count };
  });
  const waiting = pupils
    .filter((p) => p.status === 'enrolled' && p.left)
    .map((p) => ({ pupilId: p.pupilId as string, schoolId: p.schoolId as string, retentionEndedOn: retentionEnd(p.left!.leftOn) }));
  // Retention ends at 00:00 Amsterdam of its day (rule 8).
  const overduePupils = waiting.filter((w) => startOfDayMs(w.retentionEndedOn) <= ms(s.now));
  const duePupils = waiting
    .filter((w) => startOfDayMs(w.retentionEndedOn) > ms(s.now) && startOfDayMs(w.retentionEndedOn) <= ms(s.now) + DUE_WINDOW_MS)
    .sort((a, b) => (a.retentionEndedOn < b.retentionEndedOn ? -1 : a.retentionEndedOn > b.retentionEndedOn ? 1 : 0));
  const destroyed = pupils.filter((p) => p.destroyed && within(p.destroyed.at, s));
  return {
    schoolId: s.schoolId ?? null,
    from: s.from,
    to: s.to,
    consentRates,
    refusals: decisionsOf(pupils, 'refused', s),
    withdrawals: decisionsOf(pupils, 'withdrawn', s),
    sharings: sharingRows,
    destructions: {
      destroyed: {
        retention_expired: destroyed.filter((p) => p.destroyed!.reason === 'retention_expired').length,
        erasure_request: destroyed.filter((p) => p.destroyed!.reason === 'erasure_request').length,
      },
      due: duePupils.length,
      overdue: overduePupils.length,
      overduePupils,
      duePupils,
    },
    sharingsWithoutBasis: withoutBasis(pupils, shared, recipients),
  };
};

const withoutBasis = (pupils: readonly PupilState[], shared: readonly SharingLine[], recipients: readonly RecipientState[]) => {
  const pupilById = new Map(pupils.map((p) => [p.pupilId as string, p]));
  const recipientById = new Map(recipients.map((r) => [r.registered?.recipientId, r]));
  return sharingsWithoutBasis(
    shared,
    (id) => pupilById.get(id),
    (id) => recipientById.get(id),
  );
};

/** Without `from`, a report covers the current school year up to now. */
export const defaultScope = (q: { schoolId?: string; from?: string; to?: string }, now: string): ReportScope => {
  const to = q.to ?? now;
  return { schoolId: q.schoolId, from: q.from ?? schoolYearBegin(schoolYearStart(to)), to, now };
};
