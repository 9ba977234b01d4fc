import type { EncryptedField } from '../../ledger/domain/encrypted';
import { earliest, isoOf, ms, yearlyLapse } from '../../ledger/domain/time';

export type ConsentStatus = 'active' | 'conflicting' | 'refused' | 'withdrawn' | 'lapsed' | 'none';
export type GuardianDecisionKind = 'given' | 'refused' | 'withdrawn' | 'lapsed';

/** One decider's recorded decision about one purpose (a guardian's, or the pupil's own), as the folds keep it. */
export interface ConsentFact {
  readonly kind: 'given' | 'refused' | 'withdrawn';
  readonly purpose: string;
  readonly guardianId: string;
  /** Business time (canonical UTC); decisions are ordered by it (rule 12). */
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** The stream revision: orders facts recorded at the same millisecond, as the position does. */
  readonly revision: number;
  readonly eventId: string;
  readonly position: string;
  readonly noticeVersion: string | null;
  /** When a given consent stops by itself: its validUntil or the end of its school year. */
  readonly endsAt: string | null;
  /** The rest of the decision, for rule 12's exact-repeat check. */
  readonly channel: string | null;
  readonly validUntil: string | null;
  readonly reason: EncryptedField | null;
}

/** What rule 2 judges a fact on: a consent fact without its purpose, position and the rest of the decision. */
export type JudgedFact = Pick<ConsentFact, 'kind' | 'guardianId' | 'occurredAt' | 'recordedAt' | 'revision' | 'eventId' | 'noticeVersion' | 'endsAt'>;

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
  earliest(validUntil, yearly ? yearlyLapse(givenAt) : undefined) ?? null;

/** Rule 12: business time, then record time, then position (the revision, within one stream). */
export const inDecisionOrder = (a: JudgedFact, b: JudgedFact): number =>
  ms(a.occurredAt) - ms(b.occurredAt) || ms(a.recordedAt) - ms(b.recordedAt) || a.revision - b.revision;

export interface Snapshot<F extends JudgedFact = ConsentFact> {
  readonly status: ConsentStatus;
  readonly decisions: readonly GuardianDecision[];
  /** The facts behind the status: what proves it. */
  readonly holding: readonly F[];
}

const STATUS_OF: Record<GuardianDecisionKind, ConsentStatus> = { given: 'active', lapsed: 'lapsed', refused: 'refused', withdrawn: 'withdrawn' };

/**
 * Rule 2 at one moment (epoch ms), from one purpose's known facts in decision order: each
 * decider's latest decision at or before it; a pupil's own withdrawal ends every consent given
 * before it; a pupil of 16 or older decides alone. The ledger knows a pupil is 16 from a consent
 * or refusal of their own (rule 1 checked their birth date then); views never read birth dates.
 */
export const snapshotAt = <F extends JudgedFact>(facts: readonly F[], pupilId: string, at: number): Snapshot<F> => {
  const latest = new Map<string, number>();
  let cut = -1;
  let pupilIsSixteen = false;
  for (let i = 0; i < facts.length && ms(facts[i].occurredAt) <= at; i++) {
    const f = facts[i];
    latest.set(f.guardianId, i);
    if (f.guardianId !== pupilId) continue;
    if (f.kind === 'withdrawn') cut = i;
    else pupilIsSixteen = true;
  }
  const decisions: GuardianDecision[] = [];
  const holding: F[] = [];
  let own: GuardianDecision | undefined;
  for (const i of latest.values()) {
    const f = facts[i];
    if (f.kind === 'given' && i < cut) continue; // ended by the pupil's own withdrawal (UAVG art. 5)
    const lapsed = f.kind === 'given' && f.endsAt !== null && ms(f.endsAt) <= at;
    const d: GuardianDecision = {
      guardianId: f.guardianId,
      decision: lapsed ? 'lapsed' : f.kind,
      at: lapsed ? f.endsAt : f.occurredAt,
      noticeVersion: f.noticeVersion,
      eventId: f.eventId,
    };
    decisions.push(d);
    holding.push(f);
    if (f.guardianId === pupilId) own = d;
  }
  if (own && pupilIsSixteen) return { status: STATUS_OF[own.decision], decisions, holding: holding.filter((f) => f.guardianId === pupilId) };
  return { status: aggregate(decisions, holding), decisions, holding };
};

const aggregate = (decisions: readonly GuardianDecision[], holding: readonly JudgedFact[]): ConsentStatus => {
  let yes = false;
  let lapsed = false;
  let lastNo = -1;
  decisions.forEach((d, i) => {
    if (d.decision === 'given') yes = true;
    else if (d.decision === 'lapsed') lapsed = true;
    else if (lastNo < 0 || inDecisionOrder(holding[i], holding[lastNo]) > 0) lastNo = i;
  });
  if (yes) return lastNo >= 0 ? 'conflicting' : 'active';
  if (lastNo >= 0) return decisions[lastNo].decision as ConsentStatus;
  return lapsed ? 'lapsed' : 'none';
};

/** Every moment (epoch ms, ascending) at which the status can change: each decision and each lapse. */
export const changePoints = (facts: readonly JudgedFact[]): number[] =>
  [...new Set(facts.flatMap((f) => (f.endsAt ? [ms(f.occurredAt), ms(f.endsAt)] : [ms(f.occurredAt)])))].sort((a, b) => a - b);

export interface AsOf {
  /** Business time: what was true then. */
  readonly at: string;
  /** Record time: only what the ledger had recorded by then counts (inclusive). Absent: everything known. */
  readonly knownAt?: string;
}

/** One purpose's facts recorded by `knownAt`, in decision order (rule 12). */
export const knownFacts = (facts: readonly ConsentFact[], purpose: string, knownAt?: string): ConsentFact[] => {
  const known = knownAt === undefined ? Infinity : ms(knownAt);
  return facts.filter((f) => f.purpose === purpose && ms(f.recordedAt) <= known).sort(inDecisionOrder);
};

/** Rule 2: the status of a purpose at a moment, as known at a moment, with the decisions and the proving events. */
export const purposeStatus = (allFacts: readonly ConsentFact[], purpose: string, pupilId: string, { at, knownAt }: AsOf): PurposeStatus =>
  statusOfKnown(knownFacts(allFacts, purpose, knownAt), purpose, pupilId, at);

/**
 * Rule 2 at `at` from one purpose's facts as known, already in decision order (rule 12): the
 * judgement of `purposeStatus`, for read models that keep the facts of a purpose sorted.
 */
export const statusOfKnown = (facts: readonly JudgedFact[], purpose: string, pupilId: string, at: string): PurposeStatus => {
  const atMs = ms(at);
  const now = snapshotAt(facts, pupilId, atMs);
  const points = changePoints(facts).filter((p) => p <= atMs);
  let since: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    if (snapshotAt(facts, pupilId, points[i]).status !== now.status) break;
    since = points[i];
  }
  const given = now.holding.filter((f) => f.kind === 'given' && (f.endsAt === null || ms(f.endsAt) > atMs));
  const ends = given.map((f) => f.endsAt);
  const until = now.status === 'active' && !ends.includes(null) ? isoOf(Math.max(...(ends as string[]).map(ms))) : null;
  return {
    purpose,
    status: now.status,
    since: now.status === 'none' || since === null ? null : isoOf(since),
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
export const activeUntil = (allFacts: readonly ConsentFact[], purpose: string, pupilId: string, from: string, knownAt?: string): string | null => {
  const facts = knownFacts(allFacts, purpose, knownAt);
  const next = changePoints(facts).find((p) => p > ms(from) && snapshotAt(facts, pupilId, p).status !== 'active');
  return next === undefined ? null : isoOf(next);
};
