import { earliest, ms, yearlyLapse } from '../../ledger/domain/time';

export type ConsentStatus = 'active' | 'conflicting' | 'refused' | 'withdrawn' | 'lapsed' | 'none';
export type GuardianDecisionKind = 'given' | 'refused' | 'withdrawn' | 'lapsed';

/** One guardian's recorded decision about one purpose, as the folds keep it. */
export interface ConsentFact {
  readonly kind: 'given' | 'refused' | 'withdrawn';
  readonly purpose: string;
  readonly guardianId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** Orders facts with the same business time: later in the stream means decided later. */
  readonly revision: number;
  readonly eventId: string;
  readonly position: string;
  readonly noticeVersion: string | null;
  /** When a given consent stops by itself: its validUntil or the end of its school year. */
  readonly endsAt: string | null;
}

export interface GuardianDecision {
  readonly guardianId: string;
  readonly decision: GuardianDecisionKind;
  readonly at: string;
  readonly noticeVersion: string | null;
  readonly eventId: string;
}

export interface PurposeStatus {
  readonly purpose: string;
  readonly status: ConsentStatus;
  readonly since: string | null;
  readonly until: string | null;
  readonly guardians: readonly GuardianDecision[];
  readonly noticeVersion: string | null;
  readonly eventIds: readonly string[];
}

export const consentEnd = (givenAt: string, validUntil: string | null, yearly: boolean): string | null =>
  earliest(validUntil ?? undefined, yearly ? yearlyLapse(givenAt) : undefined) ?? null;

const byTimeThenRevision = (a: ConsentFact, b: ConsentFact) => ms(a.occurredAt) - ms(b.occurredAt) || a.revision - b.revision;

interface Snapshot {
  readonly status: ConsentStatus;
  readonly decisions: readonly GuardianDecision[];
  readonly holding: readonly ConsentFact[];
}

/** The status at one moment, from facts already filtered to one purpose and what was known. */
const snapshot = (facts: readonly ConsentFact[], pupilId: string, at: string): Snapshot => {
  const upTo = facts.filter((f) => ms(f.occurredAt) <= ms(at));
  // A pupil's own withdrawal ends the purpose whatever the guardians said before it (UAVG art. 5).
  const cut = upTo.map((f) => f.kind === 'withdrawn' && f.guardianId === pupilId).lastIndexOf(true);
  const after = cut >= 0 ? upTo.slice(cut + 1) : upTo;
  const latest = new Map<string, ConsentFact>();
  for (const f of after) latest.set(f.guardianId, f);
  const holding = [...latest.values()];
  const decisions = holding.map((f): GuardianDecision => {
    const lapsed = f.kind === 'given' && f.endsAt !== null && ms(f.endsAt) <= ms(at);
    return {
      guardianId: f.guardianId,
      decision: lapsed ? 'lapsed' : f.kind,
      at: lapsed ? (f.endsAt as string) : f.occurredAt,
      noticeVersion: f.noticeVersion,
      eventId: f.eventId,
    };
  });
  if (holding.length === 0 && cut >= 0) return { status: 'withdrawn', decisions, holding: [upTo[cut]] };
  return { status: aggregate(decisions), decisions, holding };
};

const aggregate = (decisions: readonly GuardianDecision[]): ConsentStatus => {
  const yes = decisions.filter((d) => d.decision === 'given').length;
  const noes = decisions.filter((d) => d.decision === 'refused' || d.decision === 'withdrawn');
  if (yes > 0) return noes.length > 0 ? 'conflicting' : 'active';
  if (noes.length > 0) return [...noes].sort((a, b) => ms(a.at) - ms(b.at))[noes.length - 1].decision as ConsentStatus;
  return decisions.length > 0 ? 'lapsed' : 'none';
};

/** Every moment at which the status can change: each decision and each lapse. */
const changePoints = (facts: readonly ConsentFact[]): number[] =>
  [...new Set(facts.flatMap((f) => [ms(f.occurredAt), ...(f.endsAt ? [ms(f.endsAt)] : [])]))].sort((a, b) => a - b);

export interface AsOf {
  readonly at: string;
  /** Record time: only what the ledger had recorded by then counts. Absent: everything known. */
  readonly knownAt?: string;
}

const relevant = (facts: readonly ConsentFact[], purpose: string, knownAt?: string) =>
  facts
    .filter((f) => f.purpose === purpose && (knownAt === undefined || ms(f.recordedAt) <= ms(knownAt)))
    .sort(byTimeThenRevision);

/** Rule 2: the status of a purpose at a moment, with the guardians' decisions and the proving events. */
export const purposeStatus = (
  allFacts: readonly ConsentFact[],
  purpose: string,
  pupilId: string,
  { at, knownAt }: AsOf,
): PurposeStatus => {
  const facts = relevant(allFacts, purpose, knownAt);
  const now = snapshot(facts, pupilId, at);
  const points = changePoints(facts).filter((p) => p <= ms(at));
  let since: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    if (snapshot(facts, pupilId, new Date(points[i]).toISOString()).status !== now.status) break;
    since = points[i];
  }
  const given = now.holding.filter((f) => f.kind === 'given');
  const ends = given.map((f) => f.endsAt);
  const until = now.status === 'active' && !ends.includes(null) ? (ends as string[]).sort((a, b) => ms(b) - ms(a))[0] : null;
  return {
    purpose,
    status: now.status,
    since: now.status === 'none' || since === null ? null : new Date(since).toISOString(),
    until,
    guardians: now.decisions,
    noticeVersion: given.length > 0 ? given[given.length - 1].noticeVersion : null,
    eventIds: now.holding.map((f) => f.eventId),
  };
};

/**
 * The first moment after `from` at which a consent that was active at `from` stops being so
 * (withdrawn, lapsed, contested or refused), or null while it still holds.
 */
export const activeUntil = (
  allFacts: readonly ConsentFact[],
  purpose: string,
  pupilId: string,
  from: string,
  knownAt?: string,
): string | null => {
  const facts = relevant(allFacts, purpose, knownAt);
  const next = changePoints(facts).find(
    (p) => p > ms(from) && snapshot(facts, pupilId, new Date(p).toISOString()).status !== 'active',
  );
  return next === undefined ? null : new Date(next).toISOString();
};
