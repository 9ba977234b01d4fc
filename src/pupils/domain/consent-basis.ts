import { isoOf, ms } from '../../ledger/domain/time';
import { type ConsentFact, changePoints, knownFacts, snapshotAt } from './consent-status';

export interface BasisEnd {
  /** The moment the consent stopped being active (canonical UTC), before the sharing. */
  readonly at: string;
  /** The fact that ended it: a refusal or withdrawal, or the consent that lapsed; null if none can be named. */
  readonly eventId: string | null;
}

/** The fact that changed the status at `at`: a refusal or withdrawal made then, else a consent lapsing then. */
const factChangingAt = (facts: readonly ConsentFact[], at: number): ConsentFact | undefined =>
  facts.find((f) => f.kind !== 'given' && ms(f.occurredAt) === at) ??
  facts.find((f) => f.endsAt !== null && ms(f.endsAt) === at) ??
  facts.find((f) => ms(f.occurredAt) === at);

/**
 * Rule 13: whether the consent a sharing rested on had already ended at `sharedAt`, as known now
 * (a withdrawal or refusal dated before it and recorded after, or a lapse). Answers when it ended —
 * the last moment it stopped being active before the sharing — and the fact that ended it, or null
 * while the consent was active at `sharedAt`. Had it never been active, the earliest refusal or
 * withdrawal standing at `sharedAt` (or the lapse) is named.
 */
export const consentBasisEnd = (allFacts: readonly ConsentFact[], purpose: string, pupilId: string, sharedAt: string, knownAt?: string): BasisEnd | null => {
  const facts = knownFacts(allFacts, purpose, knownAt);
  const at = ms(sharedAt);
  const then = snapshotAt(facts, pupilId, at);
  if (then.status === 'active') return null;
  const points = changePoints(facts).filter((p) => p <= at);
  for (let i = points.length - 1; i > 0; i--)
    if (snapshotAt(facts, pupilId, points[i - 1]).status === 'active')
      return { at: isoOf(points[i]), eventId: factChangingAt(facts, points[i])?.eventId ?? null };
  const standing = then.holding
    .map((f) => ({ f, when: f.kind === 'given' ? f.endsAt : f.occurredAt }))
    .filter((x): x is { f: ConsentFact; when: string } => x.when !== null && ms(x.when) <= at)
    .sort((a, b) => ms(a.when) - ms(b.when))[0];
  return standing ? { at: standing.when, eventId: standing.f.eventId } : { at: sharedAt, eventId: null };
};
