import { anniversary, dayStart, schoolYearEndOf } from './amsterdam-clock';

/**
 * The reference model: what the ledger should answer, written to be obviously right rather than
 * fast. A question at (at, knownAt) keeps what was recorded by knownAt, orders it by business time
 * (ties: record time, then arrival), and folds it (DESIGN rules 2, 3, 4, 12 and 13). Times are
 * epoch milliseconds throughout.
 */
export type Kind = 'given' | 'refused' | 'withdrawn';
export type Status = 'active' | 'conflicting' | 'refused' | 'withdrawn' | 'lapsed' | 'none';

export interface Fact {
  readonly seq: number;
  readonly eventId: string;
  readonly pupil: string;
  readonly purpose: string;
  readonly decider: string;
  readonly kind: Kind;
  readonly at: number;
  readonly recordedAt: number;
  readonly endsAt: number | null;
  readonly notice: string | null;
  readonly channel: string | null;
  readonly validUntil: number | null;
}

export interface Sharing {
  readonly seq: number;
  readonly eventId: string;
  readonly pupil: string;
  readonly recipient: string;
  readonly basis: 'consent' | 'legal_obligation' | 'processor_agreement';
  readonly purpose: string | null;
  readonly agreement: string | null;
  readonly at: number;
  readonly until: number | null;
}

export interface Pupil {
  readonly id: string;
  readonly school: string;
  readonly guardians: readonly string[];
  readonly birthDate: string | null;
  readonly enrolledOn: string;
  leftOn: string | null;
  leftEventId: string | null;
  destroyedAt: number | null;
  lastFactAt: number;
}

export interface Agreement {
  readonly id: string;
  readonly eventId: string;
  readonly validFrom: number;
  readonly validUntil: number | null;
  endedAt: number | null;
  endEventId: string | null;
}

export interface Line {
  readonly recipientId: string;
  readonly pupilId: string;
  readonly from: number;
  readonly until: number | null;
  readonly problem: 'basis_ended_before_sharing' | null;
  readonly eventIds: readonly string[];
  /** Until when the line is listed: its `until`, or for a problem line the destruction or the sharing's own end. */
  readonly listedUntil: number | null;
}

const byDecisionOrder = (a: Fact, b: Fact) => a.at - b.at || a.recordedAt - b.recordedAt || a.seq - b.seq;
const min = (...xs: (number | null)[]): number | null => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.min(m, x)), null);
const STATUS: Record<string, Status> = { given: 'active', lapsed: 'lapsed', refused: 'refused', withdrawn: 'withdrawn' };
export const YEARLY = new Set(['photo-website']);
export const SIXTEEN = 16;

export class ReferenceLedger {
  readonly facts: Fact[] = [];
  readonly sharings: Sharing[] = [];
  readonly pupils = new Map<string, Pupil>();
  readonly agreements = new Map<string, Agreement>();
  seq = 0;

  endsAt(purpose: string, at: number, validUntil: number | null): number | null {
    return min(validUntil, YEARLY.has(purpose) ? schoolYearEndOf(at) : null);
  }

  /** 00:00 Amsterdam on the pupil's 16th birthday, or null without a birth date. */
  sixteenFrom(p: Pupil): number | null {
    return p.birthDate ? dayStart(anniversary(p.birthDate, SIXTEEN)) : null;
  }

  retentionFrom(p: Pupil): number | null {
    return p.leftOn ? dayStart(anniversary(p.leftOn, 2)) : null;
  }

  known(pupil: string, purpose: string, knownAt = Infinity, maxSeq = Infinity): Fact[] {
    return this.facts.filter((f) => f.pupil === pupil && f.purpose === purpose && f.recordedAt <= knownAt && f.seq <= maxSeq).sort(byDecisionOrder);
  }

  /** Rule 2 by folding, in business-time order, every decision made by `at` and recorded by `knownAt`. */
  status(pupil: string, purpose: string, at: number, knownAt = Infinity, maxSeq = Infinity): { status: Status; facts: Fact[]; decisions: Map<string, string> } {
    const standing = new Map<string, Fact | 'ended'>();
    let sixteen = false;
    for (const f of this.known(pupil, purpose, knownAt, maxSeq).filter((x) => x.at <= at)) {
      if (f.decider === pupil && f.kind === 'withdrawn') for (const [d, s] of standing) if (s !== 'ended' && s.kind === 'given') standing.set(d, 'ended');
      if (f.decider === pupil && f.kind !== 'withdrawn') sixteen = true;
      standing.set(f.decider, f);
    }
    const counted = [...standing.values()].filter((s): s is Fact => s !== 'ended');
    const decision = (f: Fact) => (f.kind === 'given' && f.endsAt !== null && f.endsAt <= at ? 'lapsed' : f.kind);
    const decisions = new Map(counted.map((f) => [f.decider, decision(f)]));
    const own = counted.find((f) => f.decider === pupil);
    if (sixteen && own) return { status: STATUS[decision(own)], facts: [own], decisions };
    const noes = counted.filter((f) => f.kind !== 'given').sort(byDecisionOrder);
    const yes = counted.some((f) => decision(f) === 'given');
    const status: Status = yes
      ? noes.length
        ? 'conflicting'
        : 'active'
      : noes.length
        ? (noes[noes.length - 1].kind as Status)
        : counted.length
          ? 'lapsed'
          : 'none';
    return { status, facts: counted, decisions };
  }

  /** Since when the status at `at` has held (the earliest moment of its unbroken run), and until when an active consent runs by itself. */
  sinceUntil(pupil: string, purpose: string, at: number, knownAt = Infinity, maxSeq = Infinity): { since: number | null; until: number | null } {
    const now = this.status(pupil, purpose, at, knownAt, maxSeq);
    const pts = [...new Set(this.known(pupil, purpose, knownAt, maxSeq).flatMap((f) => (f.endsAt === null ? [f.at] : [f.at, f.endsAt])))]
      .filter((p) => p <= at)
      .sort((a, b) => b - a);
    let since: number | null = null;
    for (const p of pts) {
      if (this.status(pupil, purpose, p, knownAt, maxSeq).status !== now.status) break;
      since = p;
    }
    const inForce = now.facts.filter((f) => f.kind === 'given' && (f.endsAt === null || f.endsAt > at));
    const until = now.status === 'active' && inForce.every((f) => f.endsAt !== null) ? Math.max(...inForce.map((f) => f.endsAt as number)) : null;
    return { since: now.status === 'none' ? null : since, until };
  }

  changePoints(pupil: string, purpose: string): number[] {
    const pts = this.known(pupil, purpose).flatMap((f) => (f.endsAt === null ? [f.at] : [f.at, f.endsAt]));
    return [...new Set(pts)].sort((a, b) => a - b);
  }

  /** Rule 13: when, and by which fact, the consent had ended before `at` — null if active then. */
  basisEnd(pupil: string, purpose: string, at: number): { until: number; eventId: string | null } | null {
    const then = this.status(pupil, purpose, at);
    if (then.status === 'active') return null;
    const pts = this.changePoints(pupil, purpose).filter((p) => p <= at);
    for (let i = pts.length - 1; i > 0; i--)
      if (this.status(pupil, purpose, pts[i - 1]).status === 'active') {
        const facts = this.known(pupil, purpose);
        const culprit =
          facts.find((f) => f.kind !== 'given' && f.at === pts[i]) ?? facts.find((f) => f.endsAt === pts[i]) ?? facts.find((f) => f.at === pts[i]);
        return { until: pts[i], eventId: culprit?.eventId ?? null };
      }
    const standing = then.facts
      .map((f) => ({ f, when: f.kind === 'given' ? f.endsAt : f.at }))
      .filter((x): x is { f: Fact; when: number } => x.when !== null && x.when <= at)
      .sort((a, b) => a.when - b.when)[0];
    return standing ? { until: standing.when, eventId: standing.f.eventId } : { until: at, eventId: null };
  }

  consentEndAfter(pupil: string, purpose: string, from: number): number | null {
    return this.changePoints(pupil, purpose).find((p) => p > from && this.status(pupil, purpose, p).status !== 'active') ?? null;
  }

  agreementEnd(a: Agreement): number | null {
    return min(a.endedAt, a.validUntil);
  }

  /** "Who could see what": one line per sharing, with rule 13's problem where the basis had ended before it. */
  line(s: Sharing): Line {
    const p = this.pupils.get(s.pupil)!;
    const a = s.agreement ? this.agreements.get(s.agreement) : undefined;
    const agEnd = a ? this.agreementEnd(a) : null;
    const base = { recipientId: s.recipient, pupilId: s.pupil, from: s.at };
    const ended =
      s.basis === 'consent'
        ? this.basisEnd(s.pupil, s.purpose!, s.at)
        : s.basis === 'processor_agreement' && a && agEnd !== null && agEnd <= s.at
          ? { until: agEnd, eventId: a.endEventId ?? a.eventId }
          : null;
    if (ended)
      return {
        ...base,
        until: ended.until,
        problem: 'basis_ended_before_sharing',
        eventIds: [s.eventId, ...(ended.eventId ? [ended.eventId] : [])],
        listedUntil: min(s.until, p.destroyedAt),
      };
    const consentEnd = s.basis === 'consent' ? this.consentEndAfter(s.pupil, s.purpose!, s.at) : null;
    const until = min(s.until, consentEnd, agEnd, p.destroyedAt);
    return { ...base, until, problem: null, eventIds: [], listedUntil: until };
  }

  linesAt(at: number, which: (s: Sharing) => boolean): Line[] {
    return this.sharings
      .filter(which)
      .map((s) => this.line(s))
      .filter((l) => l.from <= at && (l.listedUntil === null || at < l.listedUntil));
  }
}
